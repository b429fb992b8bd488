using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>
/// The real app on a throw-away data folder and database: SQLite in that folder by default, or a fresh PostgreSQL
/// database (<see cref="Provider"/>), dropped on dispose. The demo is off unless a test asks for it.
/// </summary>
public sealed class DashboardAppFactory : WebApplicationFactory<Program>
{
    private readonly DashboardAppFactory? _databaseOwner;
    private string? _postgresConnectionString;

    public DashboardAppFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
    }

    private DashboardAppFactory(DashboardAppFactory databaseOwner, NodeRole role)
    {
        _databaseOwner = databaseOwner;
        DataDirectory = databaseOwner.DataDirectory;
        Provider = databaseOwner.Provider;
        Role = role;
        Clock = databaseOwner.Clock;
    }

    public string DataDirectory { get; }

    /// <summary>SQLite in the data folder (default) or a fresh PostgreSQL database.</summary>
    public DatabaseProvider Provider { get; init; }

    /// <summary>What this app instance does: everything (default), web only, or jobs only.</summary>
    public NodeRole Role { get; init; } = NodeRole.All;

    /// <summary>The database connection string, once the app has started.</summary>
    public string ConnectionString => Provider == DatabaseProvider.Postgres
        ? (_databaseOwner ?? this)._postgresConnectionString ?? throw new InvalidOperationException("the app has not started yet")
        : $"Data Source={Path.Combine(DataDirectory, "dashboard.db")}";

    /// <summary>Another app instance (node) on this one's database, data folder and clock. Start this one first.</summary>
    public DashboardAppFactory OnSameDatabase(NodeRole role = NodeRole.All) => new(this, role);

    /// <summary>Whether the Hangfire server executes jobs in this app (on by default).</summary>
    public bool RunJobs { get; init; } = true;

    /// <summary>Sign-in throttle; high by default so tests that sign in many users are not throttled.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 10_000;

    /// <summary>Whether the app records the demo organisation on start (off by default in tests).</summary>
    public bool Demo { get; init; }

    /// <summary>Days of demo history recorded before the first demo scan (none by default in tests).</summary>
    public int DemoHistoryDays { get; init; }

    /// <summary>Extra configuration (key → value), applied after the defaults above.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra service overrides, applied after the test clock.</summary>
    public Action<IServiceCollection>? OverrideServices { get; init; }

    /// <summary>The app's clock; tests move it to simulate later scans.</summary>
    public FixedTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Data:Directory", DataDirectory);
        builder.UseSetting("Node:Role", Role.ToString());
        if (Provider == DatabaseProvider.Postgres)
        {
            if (_databaseOwner is null)
            {
                _postgresConnectionString ??= TestPostgres.CreateDatabase();
            }

            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("Database:ConnectionString", ConnectionString);
        }

        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("Demo:HistoryDays", DemoHistoryDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            QuietHangfireLogging(services);
            OverrideServices?.Invoke(services);
            if (!RunJobs)
            {
                // Queued scans stay queued: for tests about what is enqueued, not about what a worker does with it.
                var servers = services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                    && (d.ImplementationFactory?.Method.ReturnType.Name.Contains("BackgroundJobServer", StringComparison.Ordinal) == true
                        || d.ImplementationType?.Name.Contains("BackgroundJobServer", StringComparison.Ordinal) == true)).ToList();
                if (servers.Count == 0)
                {
                    throw new InvalidOperationException("RunJobs = false found no Hangfire server registration to remove");
                }

                foreach (var server in servers)
                {
                    services.Remove(server);
                }

                // Nor does anything sweep by itself: tests call ScanSweeper when they mean to.
                services.Remove(services.Single(d => d.ImplementationType == typeof(Dashboard.Web.Scanning.ScanSweeperService)));
            }
        });
    }

    /// <summary>
    /// Hangfire keeps one log provider for the whole process, set to the logger factory of the app that configured
    /// it last. Tests host many apps at once, and a disposed app's logger factory throws for the others; so in
    /// tests Hangfire logs nowhere.
    /// </summary>
    private static void QuietHangfireLogging(IServiceCollection services)
    {
        var registration = services.Single(d => d.ServiceType == typeof(Hangfire.IGlobalConfiguration));
        var create = registration.ImplementationFactory ?? throw new InvalidOperationException("Hangfire's configuration is not registered by a factory");
        services.Remove(registration);
        services.AddSingleton(sp =>
        {
            var configuration = (Hangfire.IGlobalConfiguration)create(sp);
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(new SilentLogProvider());
            return configuration;
        });
    }

    private sealed class SilentLogProvider : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
    {
        public Hangfire.Logging.ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _databaseOwner is null)
        {
            if (_postgresConnectionString is not null)
            {
                TestPostgres.DropDatabase(_postgresConnectionString);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing background thread; the temp folder is cleaned by the OS.
            }
        }
    }
}

public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
