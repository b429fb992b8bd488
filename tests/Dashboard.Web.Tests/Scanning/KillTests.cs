extern alias fakeaws;

using System.Diagnostics;
using Dashboard.Core.Demo;
using Dashboard.Web.Data;
using fakeaws::FakeAws;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Scanning;

/// <summary>
/// kill -9 of the real app (the built Dashboard.Web.dll as a child process, SQLite in a temp folder) in the middle of
/// a scan of the fake AWS, at several points. After a restart the run must be Interrupted (the sweeper found its lease
/// expired), the previous complete scan's results intact, and nothing of the killed run published.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class KillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string AccountId = DemoOrganization.DevAccountId;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-kill-tests", Guid.NewGuid().ToString("N"));
    private FakeAwsServer _fake = null!;
    private Process? _app;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var scenario = ScenarioGenerator.Demo(ScenarioGenerator.DemoTime);
        _fake = await FakeAwsServer.StartAsync(scenario with { Faults = scenario.Faults with { LatencyMs = 40 } });
    }

    public async Task DisposeAsync()
    {
        KillApp();
        await _fake.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }

    [Fact]
    public async Task KillNine_MidScan_LeavesTheRunInterrupted_AndThePreviousResultsIntact()
    {
        // First start: migrates the database. Then the account and a complete baseline scan.
        StartApp();
        await WaitAsync(async db => await db.Database.CanConnectAsync() && (await db.Database.GetPendingMigrationsAsync()).Any() == false
            && await TableExistsAsync(db, "ScanRuns"), "the app to migrate the database", TimeSpan.FromSeconds(60));
        KillApp();

        int accountId;
        await using (var db = Db())
        {
            var account = new CloudAccount
            {
                AwsAccountId = AccountId, Name = "Fake dev", CreatedAt = DateTimeOffset.UtcNow, HomeRegion = "us-east-1", Regions = "us-east-1,eu-west-1",
                EndpointUrl = _fake.Endpoint.ToString().TrimEnd('/'),
            };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            accountId = account.Id;
        }

        var baseline = await QueueRunAsync(accountId);
        StartApp();
        var completed = await WaitForRunAsync(baseline, r => r.State is ScanRunState.Completed or ScanRunState.Failed, TimeSpan.FromSeconds(120));
        Assert.Equal(ScanRunState.Completed, completed.State);
        var before = await SnapshotAsync(accountId);
        Assert.True(before.Findings > 0);
        KillApp();

        // Kill points: right after the claim, early in collection, late in collection.
        var points = new (string Name, Func<ScanRun, bool> When)[]
        {
            ("claimed", r => r.State == ScanRunState.Running),
            ("early collection", r => r.State == ScanRunState.Running && r.CallsMade >= 5),
            ("late collection", r => r.State == ScanRunState.Running && r.UnitsTotal > 0 && r.UnitsDone >= r.UnitsTotal / 2),
        };
        var passed = 0;
        foreach (var (name, when) in points)
        {
            var runId = await QueueRunAsync(accountId);
            StartApp();
            var atKill = await WaitForRunAsync(runId, r => when(r) || r.State is not (ScanRunState.Queued or ScanRunState.Running), TimeSpan.FromSeconds(120));
            Assert.True(when(atKill), $"kill point '{name}' was passed before it could be observed: run is {atKill.State}");
            KillApp();
            output.WriteLine($"killed at '{name}': {atKill.CallsMade} calls, units {atKill.UnitsDone}/{atKill.UnitsTotal}");

            StartApp();
            var after = await WaitForRunAsync(runId, r => r.State != ScanRunState.Running, TimeSpan.FromSeconds(60));
            KillApp();

            Assert.Equal(ScanRunState.Interrupted, after.State);
            Assert.Equal(before, await SnapshotAsync(accountId));
            await using var db = Db();
            Assert.Equal(0, await db.ScanResults.CountAsync(r => r.ScanRunId == runId));
            Assert.Equal(0, await db.ScanDiffEntries.CountAsync(d => d.ScanRunId == runId));
            Assert.Equal(0, await db.SeverityAggregates.CountAsync(a => a.ScanRunId == runId));
            Assert.Equal(0, await db.ComplianceAggregates.CountAsync(a => a.ScanRunId == runId));
            passed++;
        }

        output.WriteLine($"kill tests passed {passed}/{points.Length}");
        Assert.Equal(points.Length, passed);
    }

    private sealed record Snapshot(int Findings, int Results, long LatestCompletedRun, int OpenFindings, string Statuses);

    private async Task<Snapshot> SnapshotAsync(int accountId)
    {
        await using var db = Db();
        var latest = await db.ScanRuns.Where(r => r.AccountId == accountId && r.State == ScanRunState.Completed).MaxAsync(r => r.Id);
        var findings = await db.Findings.Where(f => f.AccountId == accountId).OrderBy(f => f.Id).Select(f => new { f.Id, f.Status, f.LastScanRunId }).ToListAsync();
        Assert.All(findings, f => Assert.Equal(latest, f.LastScanRunId));
        return new Snapshot(findings.Count, await db.ScanResults.CountAsync(r => r.ScanRunId == latest), latest,
            await db.Findings.CountAsync(f => f.AccountId == accountId && f.Lifecycle == FindingLifecycle.Open),
            string.Join(",", findings.Select(f => (int)f.Status)));
    }

    private async Task<long> QueueRunAsync(int accountId)
    {
        // What ScanLauncher does for "Scan now": the row first; the app enqueues queued runs when it starts.
        await using var db = Db();
        var run = new ScanRun { AccountId = accountId, State = ScanRunState.Queued, Trigger = "Manual", QueuedAt = DateTimeOffset.UtcNow };
        db.ScanRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task<ScanRun> WaitForRunAsync(long runId, Func<ScanRun, bool> done, TimeSpan timeout)
    {
        ScanRun? run = null;
        await WaitAsync(async db =>
        {
            run = await db.ScanRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            return done(run);
        }, $"run {runId}", timeout);
        return run!;
    }

    private async Task WaitAsync(Func<AppDbContext, Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_app is { HasExited: true }, $"the app exited with {(_app?.HasExited == true ? _app.ExitCode : 0)} while waiting for {what}");
            try
            {
                await using var db = Db();
                if (await condition(db))
                {
                    return;
                }
            }
            catch (SqliteException)
            {
                // The database is being created or migrated by the child.
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    private static async Task<bool> TableExistsAsync(AppDbContext db, string table) =>
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}", table).SingleAsync() > 0;

    private AppDbContext Db() =>
        new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(_dataDirectory, "dashboard.db")};Pooling=False").Options);

    private void StartApp()
    {
        var testBin = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(testBin, "..", "..", "..", "..", "..", "src", "Dashboard.Web", "bin", configuration, "net10.0", "Dashboard.Web.dll"));
        Assert.True(File.Exists(dll), $"build Dashboard.Web first: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Data__Directory"] = _dataDirectory;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Jobs__LeaseSeconds"] = "2";
        start.Environment["Jobs__HeartbeatMilliseconds"] = "250";
        start.Environment["Jobs__SweepSeconds"] = "1";
        // This test is about what a kill leaves behind; the automatic retry that follows is MultiNodeTests' subject.
        start.Environment["Jobs__AutoRetryInterrupted"] = "0";
        start.Environment["AWS_ACCESS_KEY_ID"] = ScenarioGenerator.DemoAccessKeyId(AccountId);
        start.Environment["AWS_SECRET_ACCESS_KEY"] = ScenarioGenerator.DemoSecret(AccountId);
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment.Remove("AWS_PROFILE");
        _app = Process.Start(start)!;
        _app.OutputDataReceived += (_, e) => { };
        _app.ErrorDataReceived += (_, e) => { };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown hooks, no graceful stop.</summary>
    private void KillApp()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            _app.WaitForExit();
        }

        _app?.Dispose();
        _app = null;
    }
}
