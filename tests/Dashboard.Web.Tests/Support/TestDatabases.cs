using System.Reflection;
using Dashboard.Web.Data;
using Npgsql;
using Xunit.Sdk;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>DASHBOARD_TEST_POSTGRES</c>, a connection string for a role that may
/// create databases (scripts/start-postgres.sh sets it; test.sh and CI source that script). Each test app gets a
/// fresh database, dropped when the app is disposed.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "DASHBOARD_TEST_POSTGRES";

    private static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why the PostgreSQL cases are skipped, or null when they run. They are skipped only outside CI: in CI a
    /// missing server makes every PostgreSQL case fail (see <see cref="CreateDatabase"/>), never pass.
    /// </summary>
    public static string? SkipReason => Server is null && !InCi
        ? $"PostgreSQL cases need {Variable}: run `. scripts/start-postgres.sh` first (test.sh does). They never skip in CI."
        : null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var server = Server ?? throw new InvalidOperationException(
            $"{Variable} is not set, so the PostgreSQL tests cannot run. CI and test.sh start PostgreSQL with scripts/start-postgres.sh; it failed or was not run.");
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing any connection still open to it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        using var connection = new NpgsqlConnection(Server ?? throw new InvalidOperationException($"{Variable} is not set"));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A theory row on SQLite: the provider first, then <paramref name="data"/>. Pair it with <see cref="PostgresDataAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class SqliteDataAttribute(params object[] data) : DataAttribute
{
    public object[] Data { get; } = data;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite, .. Data]];
}

/// <summary>The same row on PostgreSQL; skipped with a message outside CI when no server is configured.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute(params object[] data)
    {
        Data = data;
        Skip = TestPostgres.SkipReason;
    }

    public object[] Data { get; }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Postgres, .. Data]];
}

/// <summary>One lazily started app per provider, for test classes whose theories run on both and share seeded data.</summary>
public abstract class PerProvider<T> : IAsyncLifetime
    where T : class
{
    private readonly Dictionary<DatabaseProvider, Task<T>> _apps = [];
    private readonly Lock _lock = new();

    /// <summary>The seeded app for <paramref name="provider"/>, created on first use.</summary>
    public Task<T> For(DatabaseProvider provider)
    {
        lock (_lock)
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = CreateAsync(provider);
                _apps[provider] = app;
            }

            return app;
        }
    }

    protected abstract Task<T> CreateAsync(DatabaseProvider provider);

    protected abstract void Dispose(T app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            if (app.IsCompletedSuccessfully)
            {
                Dispose(await app);
            }
        }
    }
}
