using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Admin;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// The Scans page (/scans) and the accounts page's Scan now, rendered with bUnit over the real app and database, with
/// Hangfire's server off: what the buttons create, how a second click joins, how progress stored by a worker reaches
/// the page, cancel, and the history row. The full path through Hangfire to findings is in <see cref="ScanFromPageTests"/>.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class ScansPageTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new() { RunJobs = false };
    private PageTestContext _page = null!;
    private int _prod, _dev, _old;

    public async Task InitializeAsync()
    {
        _page = new PageTestContext(_app);
        _page.SignInAsOperator();
        var commands = _app.Services.GetRequiredService<AccountCommands>();
        _prod = await AddAsync(commands, "111111111111", "Prod");
        _dev = await AddAsync(commands, "222222222222", "Dev");
        _old = await AddAsync(commands, "333333333333", "Old");
        await commands.SetEnabledAsync(_old, false, "test", null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        _app.Dispose();
    }

    private static async Task<int> AddAsync(AccountCommands commands, string awsAccountId, string name)
    {
        var (errors, id) = await commands.SaveAsync(new AccountForm { AwsAccountId = awsAccountId, Name = name }, "test", null, CancellationToken.None);
        Assert.Empty(errors);
        return id!.Value;
    }

    private async Task<AppDbContext> DbAsync() => await _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    private async Task<List<ScanRun>> RunsAsync()
    {
        await using var db = await DbAsync();
        return await db.ScanRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<long> InsertRunAsync(ScanRun run)
    {
        await using var db = await DbAsync();
        db.ScanRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private IRenderedComponent<ScansPage> Render() => _page.Render<ScansPage>("/scans");

    private static List<IElement> Rows(IRenderedComponent<ScansPage> page) => page.FindAll("tr[data-testid=scan-run]").ToList();

    private static IElement Row(IRenderedComponent<ScansPage> page, long runId) =>
        Rows(page).Single(r => r.GetAttribute("data-run") == runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static Task SelectAccountsAsync(IRenderedComponent<ScansPage> page, params int[] ids)
    {
        var select = page.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Accounts");
        return page.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(ids));
    }

    [Fact]
    public async Task ScanSelected_QueuesARunPerSelectedAccount_AndASecondClickJoinsThem()
    {
        var page = Render();
        Assert.True(page.Find("[data-testid=scan-selected]").HasAttribute("disabled"));
        await SelectAccountsAsync(page, _prod, _dev);
        Assert.Equal("Prod (111111111111), Dev (222222222222)", PageTestContext.Field(page, "scan-accounts").GetAttribute("value"));

        await page.Find("[data-testid=scan-selected]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        Assert.All(Rows(page), r => Assert.Equal("Queued", r.GetAttribute("data-state")));
        Assert.All(Rows(page), r => Assert.Equal("waiting for a worker", Cell(r, "scan-progress")));
        Assert.Equal(["111111111111", "222222222222"], Rows(page).Select(r => r.GetAttribute("data-account")).Order());
        Assert.Contains(_page.Snackbars, s => s.Message == "2 scan(s) queued or joined.");

        // The click's task ends when the page's handler has finished.
        await page.Find("[data-testid=scan-selected]").ClickAsync(new());

        Assert.Equal(2, Rows(page).Count);
        var runs = await RunsAsync();
        Assert.Equal([_prod, _dev], runs.Select(r => r.AccountId).Order());
        Assert.All(runs, r => Assert.Equal(("Manual", ScanRunState.Queued), (r.Trigger, r.State)));
        var audit = await _app.AuditAsync(a => a.Action == "scan.requested");
        Assert.Equal(2, audit.Count(a => a.Details!.StartsWith("queued run", StringComparison.Ordinal)));
        Assert.Equal(2, audit.Count(a => a.Details!.StartsWith("joined active run", StringComparison.Ordinal)));
        Assert.All(audit, a => Assert.Equal(TestUsers.EmailFor(Roles.Operator), a.Actor));
    }

    [Fact]
    public async Task ScanAll_QueuesEveryEnabledAccount_AndOffersOnlyEnabledOnesForSelection()
    {
        var page = Render();

        await page.Find("[data-testid=scan-all]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        Assert.Equal([_prod, _dev], (await RunsAsync()).Select(r => r.AccountId).Order());
        var offered = page.FindComponents<MudSelectItem<int>>().Select(i => i.Instance.Value).Order();
        Assert.Equal([_prod, _dev], offered);
    }

    [Fact]
    public async Task ScanNow_OnTheAccountsPage_QueuesOneRun_AndADoubleClickJoinsIt()
    {
        var accounts = _page.Render<AccountsPage>("/accounts");
        var scanNow = () => accounts.FindAll("tr[data-testid=account-row]").Single(r => r.GetAttribute("data-account") == "111111111111")
            .QuerySelector("[data-testid=account-scan]")!;

        await Task.WhenAll(scanNow().ClickAsync(new()), scanNow().ClickAsync(new()));

        var run = Assert.Single(await RunsAsync());
        Assert.Equal((_prod, ScanRunState.Queued), (run.AccountId, run.State));
        Assert.Contains(_page.Snackbars, s => s.Message == $"Scan {run.Id} queued; follow it on the Scans page.");
        Assert.Contains(_page.Snackbars, s => s.Message == $"A scan of this account is already queued or running (scan {run.Id}); follow it on the Scans page.");
        var audit = await _app.AuditAsync(a => a.Action == "scan.requested");
        Assert.Equal([$"joined active run {run.Id}", $"queued run {run.Id}"], audit.Select(a => a.Details).Order());
        accounts.WaitForAssertion(() => Assert.Contains("Queued", accounts.Find("tr[data-account='111111111111'] [data-testid=account-last-scan]").TextContent, StringComparison.Ordinal));
        var scans = Render();
        Assert.Equal("Queued", Row(scans, run.Id).GetAttribute("data-state"));
    }

    [Fact]
    public async Task RunningScan_ProgressStoredByTheWorker_IsPushedToThePage()
    {
        var runId = await InsertRunAsync(new ScanRun
        {
            AccountId = _prod, State = ScanRunState.Running, Trigger = "Manual", QueuedAt = _app.Clock.Now, StartedAt = _app.Clock.Now,
            LeaseOwner = "worker", LeaseUntil = _app.Clock.Now.AddMinutes(5), UnitsDone = 2, UnitsTotal = 19, CurrentUnit = "iam, s3", CallsMade = 31,
        });
        var page = Render();
        Assert.Equal("2/19 units · 31 calls · 0 errors · iam, s3", Cell(Row(page, runId), "scan-progress"));

        // The worker's heartbeat stores newer progress; the page, without any user action, shows it.
        await using (var db = await DbAsync())
        {
            await db.ScanRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.UnitsDone, 11).SetProperty(r => r.CurrentUnit, "ec2").SetProperty(r => r.CallsMade, 240).SetProperty(r => r.ErrorsSoFar, 3));
        }

        page.WaitForAssertion(() => Assert.Equal("11/19 units · 240 calls · 3 errors · ec2", Cell(Row(page, runId), "scan-progress")), TimeSpan.FromSeconds(10));
        var bar = page.FindComponent<MudProgressLinear>();
        Assert.Equal(100.0 * 11 / 19, bar.Instance.GetState(x => x.Value), precision: 6);
    }

    [Fact]
    public async Task LiveRefresh_WhenTheDatabaseFails_SaysItIsPaused_AndResumesWhenItRecovers()
    {
        var runId = await InsertRunAsync(new ScanRun
        {
            AccountId = _prod, State = ScanRunState.Running, Trigger = "Manual", QueuedAt = _app.Clock.Now, StartedAt = _app.Clock.Now,
            LeaseOwner = "worker", LeaseUntil = _app.Clock.Now.AddMinutes(5), UnitsDone = 2, UnitsTotal = 19, CurrentUnit = "iam", CallsMade = 31,
        });
        var page = Render();

        // The runs table disappears under the page: each refresh fails until it is back.
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ScanRuns RENAME TO ScanRunsAway");
        }

        page.WaitForAssertion(() => Assert.StartsWith("Live updates paused:", page.Find("[data-testid=refresh-problem]").TextContent.Trim(), StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Equal("2/19 units · 31 calls · 0 errors · iam", Cell(Row(page, runId), "scan-progress"));

        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ScanRunsAway RENAME TO ScanRuns");
            await db.ScanRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.UnitsDone, 12).SetProperty(r => r.CurrentUnit, "s3"));
        }

        page.WaitForAssertion(() => Assert.Equal("12/19 units · 31 calls · 0 errors · s3", Cell(Row(page, runId), "scan-progress")), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=refresh-problem]"));
    }

    [Fact]
    public async Task Cancel_AQueuedRun_RecordsItCancelled_AndOffersRetry()
    {
        var page = Render();
        await SelectAccountsAsync(page, _prod);
        await page.Find("[data-testid=scan-selected]").ClickAsync(new());
        var runId = Assert.Single(await RunsAsync()).Id;
        page.WaitForElement("[data-testid=scan-cancel]");

        await page.Find("[data-testid=scan-cancel]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Cancelled", Row(page, runId).GetAttribute("data-state")));
        Assert.Equal("Cancelled on request before it started.", Cell(Row(page, runId), "scan-progress"));
        Assert.Empty(page.FindAll("[data-testid=scan-cancel]"));
        var run = Assert.Single(await RunsAsync());
        Assert.Equal((ScanRunState.Cancelled, true), (run.State, run.CancelRequested));
        Assert.NotNull(run.CompletedAt);

        await page.Find("[data-testid=scan-retry]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        var retry = (await RunsAsync()).Single(r => r.Id != runId);
        Assert.Equal((runId, "Retry", ScanRunState.Queued), (retry.RetryOfRunId, retry.Trigger, retry.State));
    }

    [Fact]
    public async Task History_ShowsTriggerDurationCoverageAndDiff_WithLinksToTheAccountsFindings()
    {
        var started = _app.Clock.Now.AddMinutes(-10);
        var runId = await InsertRunAsync(new ScanRun
        {
            AccountId = _dev, State = ScanRunState.Completed, Trigger = "Schedule", QueuedAt = started, StartedAt = started, CompletedAt = started.AddSeconds(83),
            PassCount = 40, FailCount = 12, ManualCount = 3, NotApplicableCount = 2, ErrorCount = 4, AccessDeniedCount = 2,
            NewCount = 5, ResolvedCount = 2, RegressedCount = 1, UnitsDone = 19, UnitsTotal = 19,
        });
        var failedId = await InsertRunAsync(new ScanRun
        {
            AccountId = _prod, State = ScanRunState.Failed, Trigger = "Manual", QueuedAt = started, StartedAt = started, CompletedAt = started.AddMinutes(61).AddSeconds(5),
            Error = "Scan of 111111111111 failed: no credentials",
        });

        var page = Render();

        var row = Row(page, runId);
        Assert.Contains("Schedule", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dev (222222222222)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 min 23 s", Cell(row, "scan-duration"));
        Assert.Equal("57 evaluated · 2 access denied · 4 error", Cell(row, "scan-coverage"));
        Assert.Equal("+5 new · 2 resolved · 1 regressed", Cell(row, "scan-diff"));
        Assert.Equal($"/findings?account={_dev}", row.QuerySelector("[data-testid=scan-findings]")!.GetAttribute("href"));
        Assert.Contains(row.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/changes?run={runId}");
        Assert.Empty(row.QuerySelectorAll("[data-testid=scan-retry], [data-testid=scan-cancel]"));

        var failed = Row(page, failedId);
        Assert.Equal("1 h 01 min", Cell(failed, "scan-duration"));
        Assert.Equal("Scan of 111111111111 failed: no credentials", Cell(failed, "scan-progress"));
        Assert.Equal("", Cell(failed, "scan-coverage"));
        Assert.NotNull(failed.QuerySelector("[data-testid=scan-retry]"));
    }

    [Fact]
    public async Task Viewer_SeesRunsAndProgress_ButNoScanCancelOrRetry()
    {
        await InsertRunAsync(new ScanRun { AccountId = _prod, State = ScanRunState.Queued, Trigger = "Manual", QueuedAt = _app.Clock.Now });
        _page.SignIn(Roles.Viewer, Policies.View);

        var page = Render();

        Assert.Single(Rows(page));
        Assert.Empty(page.FindAll("[data-testid=scan-selected], [data-testid=scan-all], [data-testid=scan-cancel], [data-testid=scan-retry]"));
    }
}
