extern alias fakeaws;

using System.Diagnostics;
using Amazon.Runtime;
using Dashboard.Core.Checks;
using Dashboard.Tests.Shared;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using fakeaws::FakeAws;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The scaled-out install for real: the built dashboard as separate processes (one web node, two workers) on one
/// PostgreSQL database, scanning a fleet of accounts on the fake AWS, with a worker killed (SIGKILL) mid-scan.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class MultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 20;
    private const string Regions = "us-east-1,eu-west-1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromSeconds(120);
    private readonly List<string> _databases = [];
    private readonly Scenario _fleet = ScenarioGenerator.Fleet(Accounts, DateTimeOffset.UtcNow.AddDays(-1));
    private FakeAwsServer? _fake;
    private FakeAwsServer? _reference;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }

        if (_reference is not null)
        {
            await _reference.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            TestPostgres.DropDatabase(database);
        }
    }

    [Theory]
    [PostgresData]
    public async Task OneWebTwoWorkers_ScanAFleet_OnceAtATimePerAccount_AndRecoverAKilledWorkersRunsWithNothingLost(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var clock = Stopwatch.StartNew();
        // Latency makes scans long enough to overlap, and the kill land mid-scan.
        _fake = await FakeAwsServer.StartAsync(_fleet with { Faults = _fleet.Faults with { LatencyMs = 30 } });
        var expected = ExpectedResultsAsync(); // meanwhile: what each account's inventory evaluates to, in this process
        await using var cluster = await StartClusterAsync(webNodes: 1, workers: 2);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 1 web + 2 workers healthy");

        var accounts = new Dictionary<int, string>();
        foreach (var account in _fleet.Accounts)
        {
            var role = account.AssumableRoles[0];
            var id = await cluster.AddAccountAsync(ScaleOutCluster.AssumeRoleAccount(account.AccountId, role.RoleArn, role.ExternalId!, Endpoint(_fake), Regions));
            accounts[id] = account.AccountId;
        }

        var expectedKeys = await expected;
        var watch = new ActiveRunWatch();

        // Round 1: every account at once, on both workers.
        var round1 = await RequestAllAsync(cluster, accounts.Keys);
        await WaitForAsync(cluster, watch, db => AllSettledAsync(db, round1.Values), "round 1 to complete");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: round 1 done");
        List<ScanRun> firstRuns;
        await using (var db = await cluster.Db.CreateDbContextAsync())
        {
            firstRuns = await db.ScanRuns.AsNoTracking().Where(r => round1.Values.Contains(r.Id)).ToListAsync();
        }

        Assert.All(firstRuns, r => Assert.True(r.State == ScanRunState.Completed, $"run {r.Id} is {r.State}: {r.Error}"));
        var byWorker = firstRuns.GroupBy(r => cluster.WorkerOf(r)?.Name ?? "unknown").ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("round 1 by worker: " + string.Join(", ", byWorker.Select(w => $"{w.Key}={w.Value}")));
        Assert.All(cluster.Workers, w => Assert.True(byWorker.GetValueOrDefault(w.Name) > 0, $"{w.Name} ran no scan"));
        await AssertResultsExactAsync(cluster, firstRuns, accounts, expectedKeys);

        // Round 2: worker-2 is killed while it holds a running scan.
        var victim = cluster.Workers[1];
        var survivor = cluster.Workers[0];
        var round2 = await RequestAllAsync(cluster, accounts.Keys);
        await WaitForAsync(cluster, watch, async db =>
        {
            var running = await db.ScanRuns.AsNoTracking().Where(r => round2.Values.Contains(r.Id) && r.State == ScanRunState.Running).ToListAsync();
            return running.Any(r => cluster.WorkerOf(r) == victim);
        }, $"{victim.Name} to be mid-scan");
        victim.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        List<ScanRun> killed;
        await using (var db = await cluster.Db.CreateDbContextAsync())
        {
            killed = (await db.ScanRuns.AsNoTracking().Where(r => round2.Values.Contains(r.Id) && r.State == ScanRunState.Running).ToListAsync())
                .Where(r => cluster.WorkerOf(r) == victim).ToList();
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed {victim.Name} holding run(s) {string.Join(", ", killed.Select(r => $"{r.Id} ({r.CallsMade} calls so far)"))}");
        Assert.NotEmpty(killed);

        await WaitForAsync(cluster, watch, async db =>
        {
            // Settled: no round-2 run queued or running, and every Interrupted one retried and the retry done.
            var states = await db.ScanRuns.AsNoTracking().Where(r => round2.Values.Contains(r.Id) || (r.RetryOfRunId != null && round2.Values.Contains(r.RetryOfRunId.Value)))
                .Select(r => new { r.Id, r.State, r.RetryOfRunId }).ToListAsync();
            return states.All(r => r.State is not (ScanRunState.Queued or ScanRunState.Running))
                && states.Where(r => r.State == ScanRunState.Interrupted).All(r => states.Any(x => x.RetryOfRunId == r.Id));
        }, "round 2 and the recovery of the killed worker's runs", victim);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: round 2 done");

        await using (var db = await cluster.Db.CreateDbContextAsync())
        {
            var secondRuns = await db.ScanRuns.AsNoTracking().Where(r => round2.Values.Contains(r.Id)).ToListAsync();
            var retries = await db.ScanRuns.AsNoTracking().Where(r => r.RetryOfRunId != null && round2.Values.Contains(r.RetryOfRunId.Value)).ToListAsync();
            foreach (var run in killed)
            {
                var after = secondRuns.Single(r => r.Id == run.Id);
                if (after.State == ScanRunState.Completed)
                {
                    // Resumed: the dead worker's job came back on the queue after its lease and the survivor claimed
                    // the run before a sweep. Its results are checked below with the others.
                    Assert.Same(survivor, cluster.WorkerOf(after));
                    output.WriteLine($"run {run.Id}: killed {killedAt:HH:mm:ss.fff}, resumed by {survivor.Name} {after.StartedAt:HH:mm:ss.fff} to {after.CompletedAt:HH:mm:ss.fff}");
                    continue;
                }

                Assert.Equal(ScanRunState.Interrupted, after.State);
                Assert.Equal(ScanSweeper.RetriedReason, after.Error);
                // Nothing of the killed run is visible: no results, no diff, no aggregates.
                Assert.Equal(0, await db.ScanResults.CountAsync(r => r.ScanRunId == run.Id));
                Assert.Equal(0, await db.ScanDiffEntries.CountAsync(d => d.ScanRunId == run.Id));
                Assert.Equal(0, await db.SeverityAggregates.CountAsync(a => a.ScanRunId == run.Id));
                Assert.Equal(0, await db.ComplianceAggregates.CountAsync(a => a.ScanRunId == run.Id));
                var retry = Assert.Single(retries, r => r.RetryOfRunId == run.Id);
                Assert.Equal(ScanSweeper.AutoRetryTrigger, retry.Trigger);
                Assert.True(retry.State == ScanRunState.Completed, $"retry {retry.Id} is {retry.State}: {retry.Error}");
                Assert.Same(survivor, cluster.WorkerOf(retry));
                output.WriteLine($"run {run.Id}: started {run.StartedAt:HH:mm:ss.fff}, killed {killedAt:HH:mm:ss.fff} (lease to {run.LeaseUntil:HH:mm:ss.fff}), "
                    + $"interrupted {after.CompletedAt:HH:mm:ss.fff}; retry {retry.Id} ran {retry.StartedAt:HH:mm:ss.fff} to {retry.CompletedAt:HH:mm:ss.fff}");
            }

            // Every other round-2 run completed where it ran; only interrupted runs were retried.
            var notKilled = secondRuns.Where(r => killed.All(k => k.Id != r.Id)).ToList();
            Assert.All(notKilled, r => Assert.True(r.State == ScanRunState.Completed, $"run {r.Id} is {r.State}: {r.Error}"));
            Assert.Equal(secondRuns.Count(r => r.State == ScanRunState.Interrupted), retries.Count);
            await AssertResultsExactAsync(cluster, secondRuns.Where(r => r.State == ScanRunState.Completed).Concat(retries).ToList(), accounts, expectedKeys);

            // One complete scan per account per round, and the findings carry the latest one.
            var completedSinceRound2 = await db.ScanRuns.AsNoTracking()
                .Where(r => r.Id >= round2.Values.Min() && r.State == ScanRunState.Completed).GroupBy(r => r.AccountId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Accounts, completedSinceRound2.Count);
            Assert.All(completedSinceRound2, count => Assert.Equal(1, count));
        }

        await AssertNoAccountScannedTwiceAtOnceAsync(cluster, watch);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all checks passed");
    }

    [Theory]
    [PostgresData]
    public async Task TwoWebNodesAndAWorker_StartingTogetherOnAnEmptyDatabase_AllComeUpAndSeedOnce(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        await using var cluster = await StartClusterAsync(webNodes: 2, workers: 1);

        await using var db = await cluster.Db.CreateDbContextAsync();
        Assert.Equal(Dashboard.Web.Security.Roles.All.Order(StringComparer.Ordinal), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(ScaleOutCluster.AdminEmail, Assert.Single(await db.Users.Select(u => u.Email).ToListAsync()));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM hangfire.schema").SingleAsync() == 1, "Hangfire's schema is installed once");
        foreach (var web in cluster.Webs)
        {
            using var http = new HttpClient { BaseAddress = web.BaseAddress };
            using var login = await http.GetAsync(new Uri("/account/login", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        }
    }

    private async Task<ScaleOutCluster> StartClusterAsync(int webNodes, int workers)
    {
        var database = TestPostgres.CreateDatabase();
        _databases.Add(database);
        var hub = _fleet.Accounts[0];
        return await ScaleOutCluster.StartAsync(database, webNodes, workers, new Dictionary<string, string?>
        {
            // Short lease and sweep, so a killed worker's runs are recovered within seconds.
            ["Jobs__LeaseSeconds"] = "5",
            ["Jobs__HeartbeatMilliseconds"] = "250",
            ["Jobs__SweepSeconds"] = "1",
            ["Jobs__WorkerCount"] = "2",
            ["Jobs__MaxConcurrentScans"] = "2",
            // The scanner's own identity: the fleet's first account, which assumes the scanner role in every account.
            ["AWS_ACCESS_KEY_ID"] = hub.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = hub.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        }, StartTimeout);
    }

    private static string Endpoint(FakeAwsServer server) => server.Endpoint.ToString().TrimEnd('/');

    private static async Task<Dictionary<int, long>> RequestAllAsync(ScaleOutCluster cluster, IEnumerable<int> accountIds)
    {
        var runs = new Dictionary<int, long>();
        foreach (var id in accountIds)
        {
            runs[id] = await cluster.RequestScanAsync(id);
        }

        Assert.Equal(runs.Count, runs.Values.Distinct().Count());
        return runs;
    }

    private static async Task<bool> AllSettledAsync(AppDbContext db, IEnumerable<long> runIds)
    {
        var ids = runIds.ToList();
        return !await db.ScanRuns.AnyAsync(r => ids.Contains(r.Id) && (r.State == ScanRunState.Queued || r.State == ScanRunState.Running));
    }

    /// <summary>
    /// The distinct (check, region, resource) results of each fleet account, collected in this process from a copy of
    /// the fake without latency and evaluated with the default check settings, as a single node would.
    /// </summary>
    private async Task<Dictionary<string, HashSet<(string, string, string)>>> ExpectedResultsAsync()
    {
        _reference = await FakeAwsServer.StartAsync(_fleet);
        var hub = _fleet.Accounts[0];
        var source = new InventorySource(
            new AwsSourceCredentials { Credentials = new BasicAWSCredentials(hub.AccessKeyId, hub.SecretAccessKey) },
            new Dashboard.Aws.Collectors.CollectionOptions { CredentialReportPollInterval = TimeSpan.Zero });
        var expected = new Dictionary<string, HashSet<(string, string, string)>>();
        foreach (var account in _fleet.Accounts)
        {
            var role = account.AssumableRoles[0];
            var now = DateTimeOffset.UtcNow;
            var inventory = await source.CollectAsync(new CloudAccount
            {
                AwsAccountId = account.AccountId, Name = account.AccountId, AccessMethod = AccountAccessMethod.AssumeRole, RoleArn = role.RoleArn,
                ExternalId = role.ExternalId, HomeRegion = "us-east-1", Regions = Regions, EndpointUrl = Endpoint(_reference),
            }, now, CancellationToken.None);
            expected[account.AccountId] = CheckCatalog.Default.EvaluateAll(new EvaluationContext(inventory, now) { Settings = new CheckSettings() })
                .Select(r => (r.CheckId, r.Region, r.ResourceId)).ToHashSet();
        }

        return expected;
    }

    /// <summary>Each run published exactly its account's results: none lost, none twice, none of another account.</summary>
    private static async Task AssertResultsExactAsync(
        ScaleOutCluster cluster, IReadOnlyList<ScanRun> runs, Dictionary<int, string> accounts, Dictionary<string, HashSet<(string, string, string)>> expected)
    {
        await using var db = await cluster.Db.CreateDbContextAsync();
        foreach (var run in runs)
        {
            var keys = await db.ScanResults.Where(r => r.ScanRunId == run.Id)
                .Select(r => new { r.Finding.AccountId, r.Finding.CheckId, r.Finding.Region, r.Finding.ResourceId }).ToListAsync();
            var want = expected[accounts[run.AccountId]];
            Assert.All(keys, k => Assert.Equal(run.AccountId, k.AccountId));
            Assert.Equal(keys.Count, keys.Select(k => (k.CheckId, k.Region, k.ResourceId)).Distinct().Count());
            Assert.True(want.SetEquals(keys.Select(k => (k.CheckId, k.Region, k.ResourceId))),
                $"run {run.Id} of {accounts[run.AccountId]}: {keys.Count} results, expected {want.Count}");
            Assert.Equal(want.Count, run.PassCount + run.FailCount + run.ManualCount + run.NotApplicableCount + run.ErrorCount);
            Assert.Equal(want.Count, await db.Findings.CountAsync(f => f.AccountId == run.AccountId));
        }
    }

    /// <summary>
    /// No two runs of one account ever overlapped: by their claimed-to-finished intervals, by every poll's count of active
    /// runs, and because the database refuses a second active run (the unique partial index is in place).
    /// </summary>
    private static async Task AssertNoAccountScannedTwiceAtOnceAsync(ScaleOutCluster cluster, ActiveRunWatch watch)
    {
        Assert.True(watch.Polls > 0);
        Assert.Empty(watch.Violations);
        await using var db = await cluster.Db.CreateDbContextAsync();
        var runs = await db.ScanRuns.AsNoTracking().Where(r => r.StartedAt != null).ToListAsync();
        foreach (var account in runs.GroupBy(r => r.AccountId))
        {
            var ordered = account.OrderBy(r => r.StartedAt).ToList();
            Assert.All(ordered, r => Assert.NotNull(r.CompletedAt));
            foreach (var (before, after) in ordered.Zip(ordered.Skip(1)))
            {
                Assert.True(before.CompletedAt <= after.StartedAt,
                    $"account {account.Key}: run {before.Id} ({before.StartedAt:O} to {before.CompletedAt:O}) overlaps run {after.Id} (from {after.StartedAt:O})");
            }
        }

        var index = await db.Database.SqlQueryRaw<string>(
            "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_ScanRuns_OneActivePerAccount'").SingleAsync();
        Assert.Contains("UNIQUE", index, StringComparison.Ordinal);
    }

    /// <summary>Polls the database until <paramref name="condition"/> holds; every poll also counts active runs per account.</summary>
    private static async Task WaitForAsync(ScaleOutCluster cluster, ActiveRunWatch watch, Func<AppDbContext, Task<bool>> condition, string what, DashboardNode? killed = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var dead = cluster.Webs.Concat(cluster.Workers).FirstOrDefault(n => n.HasExited && n != killed);
            Assert.True(dead is null, $"{dead?.Name} exited while waiting for {what}:\n{dead?.Output}");
            await using (var db = await cluster.Db.CreateDbContextAsync())
            {
                await watch.PollAsync(db);
                if (await condition(db))
                {
                    return;
                }
            }

            Assert.True(deadline.Elapsed < ScanTimeout, $"timed out waiting for {what}\n--- {cluster.Workers[0].Name} ---\n{cluster.Workers[0].Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Accounts seen with more than one Queued or Running run at one poll.</summary>
    private sealed class ActiveRunWatch
    {
        public int Polls { get; private set; }

        public List<string> Violations { get; } = [];

        public async Task PollAsync(AppDbContext db)
        {
            Polls++;
            var doubled = await db.ScanRuns.Where(r => r.State == ScanRunState.Queued || r.State == ScanRunState.Running)
                .GroupBy(r => r.AccountId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync();
            Violations.AddRange(doubled.Select(a => $"account {a} had two active runs at poll {Polls}"));
        }
    }
}
