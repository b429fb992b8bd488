using Dashboard.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// A fresh, migrated database for one benchmark run: a SQLite file in a temporary folder, or a new database on a
/// PostgreSQL server. Registered exactly as the app registers it (<see cref="DatabaseProviders.AddAppDbContext"/>),
/// so the queries see the same <c>IDbContextFactory&lt;AppDbContext&gt;</c>. Disposing deletes the file or drops
/// the database.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresServer;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder, string? postgresServer)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _postgresServer = postgresServer;
        Services = new ServiceCollection()
            // DASHBOARD_BENCH_SQL=1 prints every SQL command the queries send (to read their plans).
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter(level => level >= LogLevel.Warning || (Environment.GetEnvironmentVariable("DASHBOARD_BENCH_SQL") == "1" && level >= LogLevel.Information))
                // EF logs its look for a migrations table in a new database as a failed command: not news here.
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("DASHBOARD_BENCH_SQL") == "1" ? LogLevel.Information : LogLevel.None))
            // Identity shapes its tables from these options; without them the model would not match the migrations.
            .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Web.Hosting.AuthSetup.IdentitySchemaVersion)
            .AddAppDbContext(provider, connectionString)
            .BuildServiceProvider();
        Factory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<AppDbContext> Factory { get; }

    /// <summary>The data folder holding dashboard.db (SQLite only), laid out as the app expects its Data:Directory.</summary>
    public string? DataDirectory { get; private init; }

    /// <param name="keepIn">A folder to keep the database in (and reuse when it is already seeded), instead of a temporary one.</param>
    public static async Task<BenchDatabase> CreateSqliteAsync(string? keepIn = null)
    {
        var folder = keepIn is null ? Directory.CreateTempSubdirectory("dashboard-bench-").FullName : Directory.CreateDirectory(keepIn).FullName;
        var database = new BenchDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "dashboard.db")}", keepIn is null ? folder : null, null)
        {
            DataDirectory = folder,
        };
        await database.MigrateAsync();
        return database;
    }

    /// <summary>True when the database already holds findings (a kept SQLite folder from an earlier run).</summary>
    public async Task<bool> IsSeededAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Findings.AnyAsync();
    }

    /// <param name="server">A connection string for a role that may create databases.</param>
    /// <param name="keepAs">A database name to keep (and reuse when it exists) instead of a temporary database.</param>
    public static async Task<BenchDatabase> CreatePostgresAsync(string server, string? keepAs = null)
    {
        var name = keepAs ?? $"dashboard_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT COUNT(*) FROM pg_database WHERE datname = '{name.Replace("'", "''", StringComparison.Ordinal)}'", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                command.CommandText = $"CREATE DATABASE \"{name}\"";
                await command.ExecuteNonQueryAsync();
            }
        }

        var database = new BenchDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, null, keepAs is null ? server : null);
        await database.MigrateAsync();
        return database;
    }

    public long SizeInBytes()
    {
        if (DataDirectory is not null)
        {
            return Directory.EnumerateFiles(DataDirectory).Sum(f => new FileInfo(f).Length);
        }

        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)command.ExecuteScalar()!;
    }

    private async Task MigrateAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_sqliteFolder is not null)
        {
            Directory.Delete(_sqliteFolder, recursive: true);
        }

        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
