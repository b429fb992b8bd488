using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>The real app on a throw-away data folder. The demo is off unless a test asks for it.</summary>
public sealed class DashboardAppFactory : WebApplicationFactory<Program>
{
    public DashboardAppFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataDirectory { get; }

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
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
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
