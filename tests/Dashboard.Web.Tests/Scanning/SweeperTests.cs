using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Scanning;

/// <summary>
/// The sweeper's automatic retry: a run whose worker died is Interrupted and, within Jobs:AutoRetryInterrupted, queued
/// again once, in the same step; never twice, never forever, never for a disabled account. No worker runs here (the
/// runs stay Queued), so each test drives the sweeper and "kills" runs by hand.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class SweeperTests
{
    [Theory]
    [SqliteData(0)]
    [SqliteData(1)]
    [SqliteData(3)]
    [PostgresData(1)]
    public async Task AbandonedRun_IsRetriedAutomatically_AtMostTheConfiguredTimesInARow(DatabaseProvider provider, int budget)
    {
        using var app = App(provider, budget);
        var accountId = await AddAccountAsync(app);
        var first = await AbandonedRunAsync(app, accountId, "Manual");
        var sweeper = app.Services.GetRequiredService<ScanSweeper>();

        // Each round the account's active run dies (its lease expires) and is swept, until nothing is retried.
        var interrupted = new List<long>();
        for (var round = 0; round <= budget + 1; round++)
        {
            app.Clock.Now = app.Clock.Now.AddMinutes(10);
            Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
            await using var db = await DbAsync(app);
            var active = await db.ScanRuns.Where(r => r.AccountId == accountId && (r.State == ScanRunState.Queued || r.State == ScanRunState.Running)).ToListAsync();
            interrupted.Add(await db.ScanRuns.Where(r => r.AccountId == accountId && r.State == ScanRunState.Interrupted).MaxAsync(r => r.Id));
            if (active.Count == 0)
            {
                break;
            }

            var retry = Assert.Single(active);
            Assert.Equal(ScanRunState.Queued, retry.State);
            Assert.Equal(ScanSweeper.AutoRetryTrigger, retry.Trigger);
            Assert.Equal(interrupted[^1], retry.RetryOfRunId);
            await ClaimAndAbandonAsync(app, retry.Id);
        }

        await using var check = await DbAsync(app);
        var runs = await check.ScanRuns.Where(r => r.AccountId == accountId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(budget + 1, runs.Count);
        Assert.All(runs, r => Assert.Equal(ScanRunState.Interrupted, r.State));
        Assert.Equal(first, runs[0].Id);
        Assert.Equal(budget, runs.Count(r => r.Trigger == ScanSweeper.AutoRetryTrigger));
        Assert.All(runs.SkipLast(1), r => Assert.Equal(ScanSweeper.RetriedReason, r.Error));
        Assert.Equal(ScanSweeper.Reason, runs[^1].Error);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ManualRetryOfAnExhaustedChain_GetsItsOwnAutomaticRetry(DatabaseProvider provider)
    {
        using var app = App(provider, budget: 1);
        var accountId = await AddAccountAsync(app);
        await AbandonedRunAsync(app, accountId, ScanSweeper.AutoRetryTrigger); // an automatic retry that died: budget spent
        var sweeper = app.Services.GetRequiredService<ScanSweeper>();
        app.Clock.Now = app.Clock.Now.AddMinutes(10);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        await using (var db = await DbAsync(app))
        {
            Assert.False(await db.ScanRuns.AnyAsync(r => r.AccountId == accountId && r.State == ScanRunState.Queued));
        }

        var exhausted = await LatestRunIdAsync(app, accountId);
        var manual = await app.Services.GetRequiredService<ScanRequests>().RetryAsync(exhausted, "operator", null, CancellationToken.None);
        Assert.NotNull(manual);
        await ClaimAndAbandonAsync(app, manual.Value);
        app.Clock.Now = app.Clock.Now.AddMinutes(10);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        await using var check = await DbAsync(app);
        var retry = await check.ScanRuns.SingleAsync(r => r.AccountId == accountId && r.State == ScanRunState.Queued);
        Assert.Equal(ScanSweeper.AutoRetryTrigger, retry.Trigger);
        Assert.Equal(manual, retry.RetryOfRunId);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SeveralNodesSweepingAtOnce_InterruptTheRunOnce_AndQueueOneRetry(DatabaseProvider provider)
    {
        using var app = App(provider, budget: 1);
        var accountIds = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var accountId = await AddAccountAsync(app, $"11112222333{i}");
            await AbandonedRunAsync(app, accountId, "Manual");
            accountIds.Add(accountId);
        }

        app.Clock.Now = app.Clock.Now.AddMinutes(10);
        // One sweeper per "node"; each opens its own contexts, as separate processes would.
        var swept = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => app.Services.GetRequiredService<ScanSweeper>().SweepAsync(CancellationToken.None))));

        Assert.Equal(accountIds.Count, swept.Sum());
        await using var db = await DbAsync(app);
        foreach (var accountId in accountIds)
        {
            var runs = await db.ScanRuns.Where(r => r.AccountId == accountId).ToListAsync();
            Assert.Single(runs, r => r.State == ScanRunState.Interrupted);
            Assert.Single(runs, r => r.State == ScanRunState.Queued && r.Trigger == ScanSweeper.AutoRetryTrigger);
            Assert.Equal(2, runs.Count);
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AbandonedRunOfADisabledAccount_IsInterruptedButNotRetried(DatabaseProvider provider)
    {
        using var app = App(provider, budget: 1);
        var accountId = await AddAccountAsync(app);
        await AbandonedRunAsync(app, accountId, "Manual");
        await using (var db = await DbAsync(app))
        {
            await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Enabled, false));
        }

        app.Clock.Now = app.Clock.Now.AddMinutes(10);
        Assert.Equal(1, await app.Services.GetRequiredService<ScanSweeper>().SweepAsync(CancellationToken.None));

        await using var check = await DbAsync(app);
        var run = await check.ScanRuns.SingleAsync(r => r.AccountId == accountId);
        Assert.Equal(ScanRunState.Interrupted, run.State);
        Assert.Equal(ScanSweeper.Reason, run.Error);
    }

    private static DashboardAppFactory App(DatabaseProvider provider, int budget) => new()
    {
        Provider = provider,
        RunJobs = false,
        Settings = new Dictionary<string, string> { ["Jobs:AutoRetryInterrupted"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Jobs:LeaseSeconds"] = "60" },
    };

    private static async Task<AppDbContext> DbAsync(DashboardAppFactory app) =>
        await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    private static async Task<int> AddAccountAsync(DashboardAppFactory app, string awsAccountId = "111122223333")
    {
        await using var db = await DbAsync(app);
        var account = new CloudAccount { AwsAccountId = awsAccountId, Name = "Swept " + awsAccountId, CreatedAt = app.Clock.Now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>A Running run whose worker is gone: its lease ends a minute from now.</summary>
    private static async Task<long> AbandonedRunAsync(DashboardAppFactory app, int accountId, string trigger)
    {
        await using var db = await DbAsync(app);
        var run = new ScanRun { AccountId = accountId, State = ScanRunState.Queued, Trigger = trigger, QueuedAt = app.Clock.Now };
        db.ScanRuns.Add(run);
        await db.SaveChangesAsync();
        await ClaimAndAbandonAsync(app, run.Id);
        return run.Id;
    }

    /// <summary>What a worker's claim leaves behind when the worker dies right after it.</summary>
    private static async Task ClaimAndAbandonAsync(DashboardAppFactory app, long runId)
    {
        await using var db = await DbAsync(app);
        var now = app.Clock.Now;
        Assert.Equal(1, await db.ScanRuns.Where(r => r.Id == runId && r.State == ScanRunState.Queued).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, ScanRunState.Running)
            .SetProperty(r => r.StartedAt, now)
            .SetProperty(r => r.LeaseOwner, "dead-node")
            .SetProperty(r => r.LeaseUntil, now.AddMinutes(1))));
    }

    private static async Task<long> LatestRunIdAsync(DashboardAppFactory app, int accountId)
    {
        await using var db = await DbAsync(app);
        return await db.ScanRuns.Where(r => r.AccountId == accountId).MaxAsync(r => r.Id);
    }
}
