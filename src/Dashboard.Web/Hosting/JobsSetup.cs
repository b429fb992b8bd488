using System.ComponentModel.DataAnnotations;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Hangfire;
using Hangfire.PostgreSql;

namespace Dashboard.Web.Hosting;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire workers in this process: how many scans run at once.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>Scans running at once in this process, across accounts (a queued scan waits for a slot).</summary>
    [Range(1, 64)]
    public int MaxConcurrentScans { get; set; } = 2;

    /// <summary>How long a worker's claim on a run lasts without renewal; after it, the sweeper marks the run Interrupted.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>How often a running scan renews its lease, stores progress and checks for a cancel request.</summary>
    [Range(100, 60_000)]
    public int HeartbeatMilliseconds { get; set; } = 1000;

    /// <summary>How often each node looks for runs whose lease expired (their worker died) and marks them Interrupted.</summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 30;

    /// <summary>
    /// How many times in a row an Interrupted run is queued again by itself (a new run, trigger Auto-retry); 0 = never,
    /// a person retries. Counts consecutive automatic retries only, so a run that keeps dying stops being retried.
    /// </summary>
    [Range(0, 10)]
    public int AutoRetryInterrupted { get; set; } = 1;
}

public static class JobsSetup
{
    /// <summary>Hangfire schema on PostgreSQL, beside the app's tables.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>
    /// Hangfire's storage follows the database: in memory on SQLite (one process), in PostgreSQL when scaled out, so
    /// that web nodes enqueue and worker nodes execute from one queue. A job server runs only on nodes whose role
    /// runs jobs.
    /// </summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder, NodeOptions node)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var workers = builder.Configuration.GetValue($"{JobsOptions.Section}:WorkerCount", 2);
        var leaseSeconds = builder.Configuration.GetValue($"{JobsOptions.Section}:LeaseSeconds", 300);
        var provider = DatabaseSetup.ProviderOf(builder.Configuration);
        var connectionString = DatabaseSetup.ConnectionStringOf(builder.Configuration, builder.Environment, provider);

        builder.Services.AddHangfire(config =>
        {
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.Postgres)
            {
                config.UsePostgreSqlStorage(
                    bootstrap => bootstrap.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = PostgresSchema,
                        PrepareSchemaIfNecessary = true,
                        // LISTEN/NOTIFY wakes a worker as soon as a job is enqueued instead of at the next poll.
                        EnableLongPolling = true,
                        // A job fetched by a worker that died goes back on the queue after one lease instead of
                        // Hangfire's 30 minutes; live workers keep theirs hidden by heartbeat. Running a scan job again
                        // is safe: it claims its run, or finds it taken or done and returns.
                        InvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(leaseSeconds, 2)),
                        UseSlidingInvisibilityTimeout = true,
                    });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        if (node.RunsJobs)
        {
            builder.Services.AddHangfireServer(options =>
            {
                options.WorkerCount = Math.Clamp(workers, 1, 64);
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new AwsSourceCredentials());
        builder.Services.AddSingleton(new Dashboard.Aws.Collectors.CollectionOptions());
        builder.Services.AddSingleton<InventorySource>();
        builder.Services.AddSingleton<ActiveScans>();
        builder.Services.AddSingleton<ScanConcurrency>();
        builder.Services.AddTransient<ScanSweeper>();
        builder.Services.AddHostedService<ScanSweeperService>();
        builder.Services.AddTransient<ScheduledScanJob>();
        builder.Services.AddTransient<ScanSchedules>();
        builder.Services.AddHostedService<ScanStartup>();
        builder.Services.AddSingleton(Dashboard.Core.Checks.CheckCatalog.Default);
        builder.Services.AddOptions<Dashboard.Web.Features.Findings.FindingsOptions>()
            .BindConfiguration(Dashboard.Web.Features.Findings.FindingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<Dashboard.Web.Features.Findings.Lifecycle.FindingsMaintenanceJob>();
        builder.Services.AddHostedService<Dashboard.Web.Features.Findings.Lifecycle.FindingsMaintenanceRegistration>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // PostgreSQL's autovacuum keeps its own statistics.
            builder.Services.AddHostedService<Dashboard.Web.Data.SqliteStatisticsRegistration>();
        }

        builder.Services.AddTransient<ScanRecorder>();
        builder.Services.AddTransient<ScanAccountJob>();
        builder.Services.AddTransient<ScanLauncher>();
        return builder;
    }
}
