using Dashboard.Core.Checks;
using Dashboard.Core.Demo;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Dashboard.Web.Scanning;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Scanning;

/// <summary>
/// The demo goes through the same evaluate → record path as a real scan; these tests check what it records, on
/// each database provider.
/// </summary>
public class DemoRecordingTests : IDisposable
{
    private DashboardAppFactory _factory = null!;

    private void Start(DatabaseProvider provider) => _factory = new DashboardAppFactory { Provider = provider };

    private async Task<IReadOnlyList<long>> RecordDemoAsync()
    {
        var seeder = _factory.Services.GetRequiredService<DemoSeeder>();
        var runIds = await seeder.PrepareRunsAsync(CancellationToken.None);
        var job = _factory.Services.GetRequiredService<ScanAccountJob>();
        foreach (var id in runIds)
        {
            await job.RunAsync(id, CancellationToken.None);
        }

        return runIds;
    }

    /// <summary>What evaluating the catalog directly over the demo inventories gives, independent of the database.</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<CheckResult>> ExpectedResults() =>
        DemoOrganization.Accounts(_factory.Clock.Now).ToDictionary(
            a => a.AccountId,
            a => CheckCatalog.Default.EvaluateAll(new EvaluationContext(a.Inventory, _factory.Clock.Now)));

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FirstStart_RecordsEveryDemoAccountAsCompletedRun(DatabaseProvider provider)
    {
        Start(provider);
        var runIds = await RecordDemoAsync();

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var expected = ExpectedResults();
        Assert.Equal(expected.Count, runIds.Count);
        var runs = await db.ScanRuns.Include(r => r.Account).ToListAsync();
        Assert.Equal(expected.Count, runs.Count);
        foreach (var run in runs)
        {
            var results = expected[run.Account.AwsAccountId];
            Assert.Equal(ScanRunState.Completed, run.State);
            Assert.True(run.Account.IsDemo);
            Assert.Equal(results.Count(r => r.Status == ResultStatus.Pass), run.PassCount);
            Assert.Equal(results.Count(r => r.Status == ResultStatus.Fail), run.FailCount);
            Assert.Equal(results.Count(r => r.Status == ResultStatus.Error), run.ErrorCount);
            Assert.True(run.ErrorCount > 0, "the demo includes collection errors that must show as Error results");
            Assert.Equal(results.Count, await db.ScanResults.CountAsync(r => r.ScanRunId == run.Id));
        }
    }

    [Fact]
    public async Task Scans_UseTheConfiguredCheckSettings()
    {
        // Every demo resource carries Environment; asking only for it must leave far fewer tag failures than the
        // default (Environment, Project, ManagedBy), and exactly what evaluating with those settings gives.
        _factory = new DashboardAppFactory { Settings = new Dictionary<string, string> { ["Checks:RequiredTags:0"] = "Environment" } };
        await RecordDemoAsync();

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var recorded = await db.Findings.CountAsync(f => f.CheckId == "resource_required_tags" && f.Status == ResultStatus.Fail);
        var settings = new CheckSettings { RequiredTags = ["Environment"] };
        var expected = DemoOrganization.Accounts(_factory.Clock.Now).Sum(a => CheckCatalog.Default.EvaluateAll(new EvaluationContext(a.Inventory, _factory.Clock.Now) { Settings = settings })
            .Count(r => r.CheckId == "resource_required_tags" && r.Status == ResultStatus.Fail));
        var withDefaults = ExpectedResults().Values.Sum(results => results.Count(r => r.CheckId == "resource_required_tags" && r.Status == ResultStatus.Fail));
        Assert.Equal(expected, recorded);
        Assert.True(recorded < withDefaults, $"configured tags gave {recorded} failures, defaults {withDefaults}");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FirstStart_FindingsMatchEvaluatedResults(DatabaseProvider provider)
    {
        Start(provider);
        await RecordDemoAsync();

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var expected = ExpectedResults().SelectMany(kv => kv.Value.Select(r => (Account: kv.Key, r.CheckId, r.Region, r.ResourceId, r.Status))).ToHashSet();
        var actual = (await db.Findings.Include(f => f.Account).ToListAsync())
            .Select(f => (Account: f.Account.AwsAccountId, f.CheckId, f.Region, f.ResourceId, f.Status)).ToHashSet();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.SetEquals(actual));
        Assert.Equal(CheckCatalog.Default.All.Select(c => c.Id).Order(), actual.Select(f => f.CheckId).Distinct().Order());
        Assert.Contains(actual, f => f.Status == ResultStatus.Error);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ErrorFindings_CarryTheFailedCallAsReason(DatabaseProvider provider)
    {
        Start(provider);
        await RecordDemoAsync();

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var errors = await db.Findings.Where(f => f.Status == ResultStatus.Error).ToListAsync();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Contains(errors, e => e.Reason.Contains("access denied", StringComparison.Ordinal));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task RunningTheSameJobTwice_DoesNotDuplicateResults(DatabaseProvider provider)
    {
        Start(provider);
        var runIds = await RecordDemoAsync();
        var job = _factory.Services.GetRequiredService<ScanAccountJob>();
        await job.RunAsync(runIds[0], CancellationToken.None);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var expected = ExpectedResults().Values.Sum(r => r.Count);
        Assert.Equal(expected, await db.ScanResults.CountAsync());
        Assert.Equal(expected, await db.Findings.CountAsync());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SecondScan_UpdatesFindingsInPlaceAndKeepsFirstSeen(DatabaseProvider provider)
    {
        Start(provider);
        await RecordDemoAsync();
        var firstSeen = _factory.Clock.Now;
        _factory.Clock.Now = firstSeen.AddDays(1);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = await db.Accounts.FirstAsync();
        var launcher = _factory.Services.GetRequiredService<ScanLauncher>();
        var secondRun = await launcher.CreateRunAsync(account.Id, "Manual", CancellationToken.None);
        await _factory.Services.GetRequiredService<ScanAccountJob>().RunAsync(secondRun, CancellationToken.None);

        var findings = await db.Findings.Where(f => f.AccountId == account.Id).ToListAsync();
        Assert.All(findings, f => Assert.Equal(firstSeen, f.FirstSeen));
        Assert.All(findings, f => Assert.Equal(firstSeen.AddDays(1), f.LastSeen));
        Assert.All(findings, f => Assert.Equal(secondRun, f.LastScanRunId));
        Assert.Equal(2, await db.ScanRuns.CountAsync(r => r.AccountId == account.Id && r.State == ScanRunState.Completed));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateRun_WhileOneIsQueued_ReturnsTheSameRun(DatabaseProvider provider)
    {
        Start(provider);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var runIds = await _factory.Services.GetRequiredService<DemoSeeder>().PrepareRunsAsync(CancellationToken.None);
        var run = await db.ScanRuns.SingleAsync(r => r.Id == runIds[0]);
        var again = await _factory.Services.GetRequiredService<ScanLauncher>().CreateRunAsync(run.AccountId, "Manual", CancellationToken.None);
        Assert.Equal(run.Id, again);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ScanOfNonDemoAccount_FailsWithClearMessageInsteadOfStayingRunning(DatabaseProvider provider)
    {
        Start(provider);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = new CloudAccount { AwsAccountId = "999988887777", Name = "Real account", CreatedAt = _factory.Clock.Now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var runId = await _factory.Services.GetRequiredService<ScanLauncher>().CreateRunAsync(account.Id, "Manual", CancellationToken.None);

        await _factory.Services.GetRequiredService<ScanAccountJob>().RunAsync(runId, CancellationToken.None);

        var run = await db.ScanRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal(ScanRunState.Failed, run.State);
        Assert.Contains("999988887777", run.Error, StringComparison.Ordinal);
        Assert.Empty(await db.Findings.Where(f => f.AccountId == account.Id).ToListAsync());
    }

    public void Dispose()
    {
        _factory?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The demo's recorded history gives the trends real movement on a fresh start.</summary>
public sealed class DemoHistoryTests : IDisposable
{
    private readonly DashboardAppFactory _factory = new() { RunJobs = false, DemoHistoryDays = 90 };

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task FirstStart_RecordsWeeklyHistoryWithNewResolvedAndRegressedFindings_ThenQueuesTheLiveScan()
    {
        var queued = await _factory.Services.GetRequiredService<DemoSeeder>().PrepareRunsAsync(CancellationToken.None);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var accounts = await db.Accounts.CountAsync(a => a.IsDemo);
        Assert.Equal(accounts, queued.Count);
        var history = await db.ScanRuns.Where(r => r.State == ScanRunState.Completed).ToListAsync();
        Assert.Equal(accounts * (90 / 7), history.Count);
        Assert.All(history, r => Assert.True(r.CompletedAt < _factory.Clock.Now));
        Assert.True(history.Sum(r => r.ResolvedCount) > 0, "some findings resolve in the history");
        Assert.True(history.Sum(r => r.RegressedCount) > 0, "some findings regress in the history");
        Assert.True(history.Where(r => r.CompletedAt > _factory.Clock.Now.AddDays(-60)).Sum(r => r.NewCount) > 0, "some findings are new later on");
        var live = await db.ScanRuns.Where(r => queued.Contains(r.Id)).ToListAsync();
        Assert.All(live, run => Assert.True(run.Id > history.Where(h => h.AccountId == run.AccountId).Max(h => h.Id), "each account's live scan comes after its history"));
    }
}
