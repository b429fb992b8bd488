using System.Diagnostics;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Scanning;

/// <summary>Scans of a real (fake AWS) account: request → Hangfire → collect → evaluate → record, and the guarantees around it.</summary>
[Collection(ScanTestsCollection.Name)]
public class ScanJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ScanNow_RunsThroughHangfire_AndRecordsFindingsFromFakeAws()
    {
        await using var h = await FakeAwsScanHarness.StartAsync();
        var accountId = await h.AddAccountAsync();
        var requests = h.App.Services.GetRequiredService<ScanRequests>();

        var clock = Stopwatch.StartNew();
        var runId = await requests.RequestAsync(accountId, "operator@test.local", null, CancellationToken.None);
        Assert.NotNull(runId);
        var run = await h.WaitForRunAsync(runId.Value, r => r.State is not (ScanRunState.Queued or ScanRunState.Running));
        output.WriteLine($"Scan now → results: {clock.ElapsedMilliseconds} ms; {run.CallsMade} calls, {run.PassCount} pass, {run.FailCount} fail, {run.ErrorCount} error");

        Assert.Equal(ScanRunState.Completed, run.State);
        Assert.Null(run.LeaseUntil);
        Assert.True(run.FailCount > 0, "the demo management account has failing checks");
        Assert.True(run.PassCount > 0);
        Assert.Equal(run.UnitsTotal, run.UnitsDone);
        Assert.True(run.NewCount > 0, "a first scan's failures are new findings in the diff");
        await using var db = await h.DbAsync();
        var findings = await db.Findings.Where(f => f.AccountId == accountId).ToListAsync();
        Assert.Equal(run.PassCount + run.FailCount + run.ErrorCount + run.ManualCount + run.NotApplicableCount, findings.Count);
        Assert.Contains(findings, f => f.Status == ResultStatus.Fail && f.LastScanRunId == run.Id);
        Assert.True(h.Server.Calls.Total > 0, "the scan went to the fake AWS");
    }

    [Fact]
    public async Task DoubleClick_JoinsTheActiveRun_AndTheDatabaseRefusesASecond()
    {
        await using var h = await FakeAwsScanHarness.StartAsync(runJobs: false);
        var accountId = await h.AddAccountAsync();
        var requests = h.App.Services.GetRequiredService<ScanRequests>();

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => requests.RequestAsync(accountId, "operator", null, CancellationToken.None)));

        Assert.Single(ids.Distinct());
        await using var db = await h.DbAsync();
        Assert.Equal(1, await db.ScanRuns.CountAsync(r => r.AccountId == accountId));

        // Not only the code: the database itself refuses a second active run for the account.
        db.ScanRuns.Add(new ScanRun { AccountId = accountId, State = ScanRunState.Queued, Trigger = "Manual", QueuedAt = h.App.Clock.Now });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Cancel_StopsARunningScanPromptly_AndRecordsCancelledWithoutResults()
    {
        await using var h = await FakeAwsScanHarness.StartAsync(latencyMs: 150);
        var accountId = await h.AddAccountAsync();
        var requests = h.App.Services.GetRequiredService<ScanRequests>();
        var runId = (await requests.RequestAsync(accountId, "operator", null, CancellationToken.None))!.Value;
        await h.WaitForRunAsync(runId, r => r.State == ScanRunState.Running && r.CallsMade > 0);

        var watch = Stopwatch.StartNew();
        Assert.True(await requests.CancelAsync(runId, "operator", null, CancellationToken.None));
        var run = await h.WaitForRunAsync(runId, r => r.State != ScanRunState.Running, TimeSpan.FromSeconds(10));
        output.WriteLine($"cancel → Cancelled in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(ScanRunState.Cancelled, run.State);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancel took {watch.Elapsed}");
        await using var db = await h.DbAsync();
        Assert.Equal(0, await db.ScanResults.CountAsync(r => r.ScanRunId == runId));
        Assert.Equal(0, await db.Findings.CountAsync(f => f.AccountId == accountId));

        // The account can be scanned again at once.
        var next = await requests.RequestAsync(accountId, "operator", null, CancellationToken.None);
        Assert.NotEqual(runId, next);
    }

    [Fact]
    public async Task DuplicateExecution_OfTheSameJob_NeverDuplicatesResults()
    {
        await using var h = await FakeAwsScanHarness.StartAsync(runJobs: false);
        var accountId = await h.AddAccountAsync();
        var launcher = h.App.Services.GetRequiredService<ScanLauncher>();
        var runId = await launcher.CreateRunAsync(accountId, "Manual", CancellationToken.None);
        var job = h.App.Services.GetRequiredService<ScanAccountJob>();

        // Two workers pick up the same job at once (at-least-once delivery), then a retry runs it again.
        await Task.WhenAll(job.RunAsync(runId, CancellationToken.None), job.RunAsync(runId, CancellationToken.None));
        await job.RunAsync(runId, CancellationToken.None);

        await using var db = await h.DbAsync();
        var run = await db.ScanRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal(ScanRunState.Completed, run.State);
        var results = await db.ScanResults.CountAsync(r => r.ScanRunId == runId);
        Assert.Equal(run.PassCount + run.FailCount + run.ErrorCount + run.ManualCount + run.NotApplicableCount, results);
        Assert.Equal(1, await db.SeverityAggregates.Where(a => a.ScanRunId == runId).GroupBy(a => a.Severity).Select(g => g.Count()).MaxAsync());
        Assert.Equal(results, await db.Findings.CountAsync(f => f.AccountId == accountId));
    }

    [Fact]
    public async Task Sweeper_MarksExpiredLeasesInterrupted_AndRetryStartsANewRun()
    {
        // Automatic retries off: a person retries (SweeperTests cover the automatic retry).
        await using var h = await FakeAwsScanHarness.StartAsync(runJobs: false, settings: new Dictionary<string, string> { ["Jobs:AutoRetryInterrupted"] = "0" });
        var accountId = await h.AddAccountAsync();
        long held, abandoned;
        await using (var db = await h.DbAsync())
        {
            var run = new ScanRun { AccountId = accountId, State = ScanRunState.Running, Trigger = "Manual", QueuedAt = h.App.Clock.Now, StartedAt = h.App.Clock.Now,
                LeaseOwner = "dead-node", LeaseUntil = h.App.Clock.Now.AddSeconds(30) };
            db.ScanRuns.Add(run);
            await db.SaveChangesAsync();
            abandoned = run.Id;
        }

        var sweeper = h.App.Services.GetRequiredService<ScanSweeper>();
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        h.App.Clock.Now = h.App.Clock.Now.AddSeconds(31);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        await using (var db = await h.DbAsync())
        {
            var run = await db.ScanRuns.SingleAsync(r => r.Id == abandoned);
            Assert.Equal(ScanRunState.Interrupted, run.State);
            Assert.Equal(ScanSweeper.Reason, run.Error);
        }

        var retry = await h.App.Services.GetRequiredService<ScanRequests>().RetryAsync(abandoned, "operator", null, CancellationToken.None);
        Assert.NotNull(retry);
        held = retry.Value;
        await using (var db = await h.DbAsync())
        {
            var run = await db.ScanRuns.SingleAsync(r => r.Id == held);
            Assert.Equal(ScanRunState.Queued, run.State);
            Assert.Equal(abandoned, run.RetryOfRunId);
        }
    }

    [Fact]
    public async Task RecurringSchedule_IsRegisteredFromTheDatabase_AndFires()
    {
        await using var h = await FakeAwsScanHarness.StartAsync();
        var accountId = await h.AddAccountAsync(schedule: "0 2 * * *");
        var jobId = ScanSchedules.JobId(accountId);

        // Start-up registration reads the schedules from the database (the in-memory job storage forgets them).
        var recurring = h.App.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(jobId);
        Assert.Equal(1, await h.App.Services.GetRequiredService<ScanSchedules>().RegisterAllAsync(CancellationToken.None));
        using (var connection = h.App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == jobId);
            Assert.Equal("0 2 * * *", job.Cron);
        }

        recurring.Trigger(jobId);

        ScanRun? run = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (run?.State != ScanRunState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the scheduled scan did not complete: {run?.State} {run?.Error}");
            await Task.Delay(50);
            await using var db = await h.DbAsync();
            run = await db.ScanRuns.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId);
        }

        Assert.Equal("Schedule", run.Trigger);
    }

    [Fact]
    public async Task DisabledAccount_IsNotScanned_AndItsScheduleIsRemoved()
    {
        await using var h = await FakeAwsScanHarness.StartAsync(runJobs: false);
        var accountId = await h.AddAccountAsync(schedule: "0 2 * * *");
        var commands = h.App.Services.GetRequiredService<Dashboard.Web.Features.Scans.AccountCommands>();
        Assert.True(await commands.SetEnabledAsync(accountId, false, "operator", null, CancellationToken.None));

        Assert.Null(await h.App.Services.GetRequiredService<ScanRequests>().RequestAsync(accountId, "operator", null, CancellationToken.None));
        using var connection = h.App.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == ScanSchedules.JobId(accountId));
    }
}
