extern alias fakeaws;

using Amazon.Runtime;
using Dashboard.Core.Demo;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Scanning;
using fakeaws::FakeAws;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Scanning;

/// <summary>The fake AWS serving the demo organisation, and an app whose scans reach it with one demo account's keys.</summary>
public sealed class FakeAwsScanHarness : IAsyncDisposable
{
    public static readonly string AccountId = DemoOrganization.DevAccountId;

    private FakeAwsScanHarness(FakeAwsServer server, DashboardAppFactory app)
    {
        Server = server;
        App = app;
    }

    public FakeAwsServer Server { get; }
    public DashboardAppFactory App { get; }
    public string Endpoint => Server.Endpoint.ToString().TrimEnd('/');

    /// <param name="faults">Changes the demo scenario's faults (AccessDenied rules, throttling) before the fake starts.</param>
    /// <param name="credentials">The host's source credentials; default: the demo account's own keys.</param>
    public static async Task<FakeAwsScanHarness> StartAsync(
        int latencyMs = 0, bool runJobs = true, IReadOnlyDictionary<string, string>? settings = null,
        Func<ScenarioFaults, ScenarioFaults>? faults = null, AWSCredentials? credentials = null)
    {
        var scenario = ScenarioGenerator.Demo(ScenarioGenerator.DemoTime);
        scenario = scenario with { Faults = (faults ?? (f => f))(scenario.Faults with { LatencyMs = latencyMs }) };
        var server = await FakeAwsServer.StartAsync(scenario);
        var app = new DashboardAppFactory
        {
            RunJobs = runJobs,
            Settings = settings ?? new Dictionary<string, string> { ["Jobs:HeartbeatMilliseconds"] = "200" },
            OverrideServices = services =>
            {
                services.AddSingleton(new AwsSourceCredentials
                {
                    Credentials = credentials ?? new BasicAWSCredentials(ScenarioGenerator.DemoAccessKeyId(AccountId), ScenarioGenerator.DemoSecret(AccountId)),
                });
                services.AddSingleton(new Dashboard.Aws.Collectors.CollectionOptions { CredentialReportPollInterval = TimeSpan.Zero });
            },
        };
        return new FakeAwsScanHarness(server, app);
    }

    public AccountForm Form(string? schedule = null) => new()
    {
        AwsAccountId = AccountId,
        Name = "Fake management",
        AccessMethod = AccountAccessMethod.DefaultChain,
        HomeRegion = "us-east-1",
        Regions = "us-east-1,eu-west-1",
        EndpointUrl = Endpoint,
        Schedule = schedule,
    };

    public async Task<int> AddAccountAsync(string? schedule = null)
    {
        var (errors, id) = await App.Services.GetRequiredService<AccountCommands>().SaveAsync(Form(schedule), "test", null, CancellationToken.None);
        Assert.Empty(errors);
        return id!.Value;
    }

    public async Task<AppDbContext> DbAsync() => await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>Waits (bounded) until the run satisfies <paramref name="done"/>; returns it.</summary>
    public async Task<ScanRun> WaitForRunAsync(long runId, Func<ScanRun, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var db = await DbAsync();
            var run = await db.ScanRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (done(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {runId} is {run.State} (units {run.UnitsDone}/{run.UnitsTotal}, calls {run.CallsMade}) after the timeout; error: {run.Error}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// Scan tests run Hangfire for real; its in-memory storage is process-global (JobStorage.Current), so another test
/// class's app being disposed in parallel would pull the storage from under them. They run on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScanTestsCollection
{
    public const string Name = "Scans (not parallel)";
}
