using System.ComponentModel.DataAnnotations;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hosting;

public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Folder for the SQLite database and other local state; relative paths resolve against the content root.</summary>
    [Required]
    public string Directory { get; set; } = "data";
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded, one process) or Postgres (a server shared by several nodes).</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>SQLite: overrides the default file in the data folder. PostgreSQL: required.</summary>
    public string? ConnectionString { get; set; }
}

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var provider = ProviderOf(builder.Configuration);
        builder.Services.AddAppDbContext(provider, ConnectionStringOf(builder.Configuration, builder.Environment, provider));
        builder.Services.AddTransient<SqliteStatistics>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>The configured provider (SQLite when not set); any other name stops the app with a message naming the key.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) => configuration[$"{DatabaseOptions.Section}:Provider"] switch
    {
        null or "" or nameof(DatabaseProvider.Sqlite) => DatabaseProvider.Sqlite,
        nameof(DatabaseProvider.Postgres) => DatabaseProvider.Postgres,
        var other => throw new InvalidOperationException($"Database:Provider must be 'Sqlite' or 'Postgres', not '{other}'."),
    };

    /// <summary>The configured connection string; on SQLite a file in the data folder when none is set.</summary>
    public static string ConnectionStringOf(IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider) =>
        configuration[$"{DatabaseOptions.Section}:ConnectionString"] is { Length: > 0 } configured
            ? configured
            : provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(ResolveDataDirectory(configuration, environment), "dashboard.db")}"
                : throw new InvalidOperationException(
                    "Database:ConnectionString is required when Database:Provider is 'Postgres', e.g. Host=db;Database=dashboard;Username=dashboard;Password=... (set the password in the environment).");

    /// <summary>Applies the provider's migrations and the app's database settings (the benchmarks use this too).</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the pages read while a scan is being recorded.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{DataOptions.Section}:Directory"] is { Length: > 0 } d ? d : "data";
        var full = Path.GetFullPath(configured, environment.ContentRootPath);
        System.IO.Directory.CreateDirectory(full);
        return full;
    }
}

/// <summary>
/// Creates and migrates the database before the app serves requests or runs jobs. On PostgreSQL several nodes may start
/// at the same instant on an empty database: they take turns under one advisory lock, which also covers Hangfire's
/// schema (its installer is not safe to run twice at once), so the first node prepares everything and the others find
/// it done.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<AppDbContext> factory, IServiceProvider services, SqliteStatistics statistics, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <summary>Advisory lock key for start-up preparation; advisory locks are per database, so installs never meet.</summary>
    internal const long StartupLockKey = 0x706f_7374_7572_6501; // "posture" + 1

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            await MigrateAsync(db, cancellationToken);
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using (var acquire = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            acquire.Parameters.AddWithValue("key", StartupLockKey);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await MigrateAsync(db, cancellationToken);
            _ = services.GetService<Hangfire.JobStorage>(); // creates Hangfire's storage, which installs its schema
        }
        finally
        {
            await using var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", StartupLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await DatabaseSetup.MigrateAsync(db, cancellationToken);
        await statistics.RefreshIfStaleAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> factory) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
    }
}
