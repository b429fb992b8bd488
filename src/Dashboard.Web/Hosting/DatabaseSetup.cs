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

    [Required]
    [RegularExpression("^Sqlite$", ErrorMessage = "Database:Provider must be 'Sqlite' (PostgreSQL support is planned).")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Overrides the default SQLite file in the data folder when set.</summary>
    public string? ConnectionString { get; set; }
}

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var dataDirectory = ResolveDataDirectory(builder.Configuration, builder.Environment);
        var connectionString = builder.Configuration[$"{DatabaseOptions.Section}:ConnectionString"] is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(dataDirectory, "dashboard.db")}";

        builder.Services.AddDbContextFactory<AppDbContext>(options => options.UseSqlite(connectionString));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{DataOptions.Section}:Directory"] is { Length: > 0 } d ? d : "data";
        var full = Path.GetFullPath(configured, environment.ContentRootPath);
        System.IO.Directory.CreateDirectory(full);
        return full;
    }
}

/// <summary>Creates and migrates the database before the app serves requests or runs jobs.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<AppDbContext> factory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the pages read while a scan is being recorded.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
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
