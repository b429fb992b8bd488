using System.Diagnostics;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// The whole path from the Scans page's button: Scan selected → ScanRun row → Hangfire job → collection from the fake
/// AWS → evaluation → recorded findings, with the page showing the worker's progress and the finished run on its own
/// (its live refresh); and Cancel on the page stopping a running scan.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class ScanFromPageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromSeconds(90);

    private static async Task<(PageTestContext Context, IRenderedComponent<ScansPage> Page, long RunId)> ScanFromPageAsync(FakeAwsScanHarness h, int accountId)
    {
        var context = new PageTestContext(h.App);
        context.SignInAsOperator();
        var page = context.Render<ScansPage>("/scans");
        var select = page.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Accounts");
        await page.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync([accountId]));
        await page.Find("[data-testid=scan-selected]").ClickAsync(new());
        var row = page.WaitForElement("tr[data-testid=scan-run]");
        return (context, page, long.Parse(row.GetAttribute("data-run")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IElement Row(IRenderedComponent<ScansPage> page) => page.Find("tr[data-testid=scan-run]");

    [Fact]
    public async Task ScanSelected_RunsThroughHangfire_ShowsProgressThenTheCompletedRun_AndRecordsFindingsFromFakeAws()
    {
        // The fake holds the scan after 20 calls until the page has shown it running (its live refresh), then lets it
        // finish; the latency is the demo scenario's figure for the timing in the output.
        await using var h = await FakeAwsScanHarness.StartAsync(latencyMs: 25);
        var accountId = await h.AddAccountAsync();
        h.Server.State.Gate.HoldAfter(20);
        var clock = Stopwatch.StartNew();
        var (context, page, runId) = await ScanFromPageAsync(h, accountId);
        await using var _ = context;

        page.WaitForAssertion(() => Assert.Matches(@"^\d+/\d+ units · [1-9]\d* calls · \d+ errors", Row(page).QuerySelector("[data-testid=scan-progress]")!.TextContent.Trim()), ScanTimeout);
        var seenRunning = Row(page).QuerySelector("[data-testid=scan-progress]")!.TextContent.Trim();
        var heldFor = clock.ElapsedMilliseconds;
        h.Server.State.Gate.Release();
        page.WaitForAssertion(() => Assert.Equal("Completed", Row(page).GetAttribute("data-state")), ScanTimeout);
        output.WriteLine($"page click → Completed on the page: {clock.ElapsedMilliseconds} ms ({heldFor} ms until the page showed progress and the fake let the scan go on); progress seen while running: {seenRunning}");

        await using var db = await h.DbAsync();
        var run = await db.ScanRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        Assert.Equal((accountId, "Manual", ScanRunState.Completed), (run.AccountId, run.Trigger, run.State));
        Assert.True(run.NewCount > 0 && run.FailCount > 0 && run.PassCount > 0, $"new {run.NewCount}, fail {run.FailCount}, pass {run.PassCount}");
        var findings = await db.Findings.Where(f => f.AccountId == accountId).ToListAsync();
        Assert.Equal(run.PassCount + run.FailCount + run.ErrorCount + run.ManualCount + run.NotApplicableCount, findings.Count);
        Assert.All(findings, f => Assert.Equal(runId, f.LastScanRunId));
        Assert.True(h.Server.Calls.Total >= run.CallsMade && run.CallsMade > 0, $"{run.CallsMade} calls recorded, fake saw {h.Server.Calls.Total}");

        var row = Row(page);
        Assert.Equal($"+{run.NewCount} new · 0 resolved · 0 regressed", row.QuerySelector("[data-testid=scan-diff]")!.TextContent.Trim());
        Assert.StartsWith($"{run.PassCount + run.FailCount + run.ManualCount + run.NotApplicableCount} evaluated", row.QuerySelector("[data-testid=scan-coverage]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith(" s", row.QuerySelector("[data-testid=scan-duration]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_OnThePage_StopsARunningScanPromptly_AndRecordsCancelledWithoutFindings()
    {
        await using var h = await FakeAwsScanHarness.StartAsync(latencyMs: 150);
        var accountId = await h.AddAccountAsync();
        var (context, page, runId) = await ScanFromPageAsync(h, accountId);
        await using var _ = context;
        await h.WaitForRunAsync(runId, r => r.State == ScanRunState.Running && r.CallsMade > 0);
        page.WaitForElement("[data-testid=scan-cancel]");

        var watch = Stopwatch.StartNew();
        await page.Find("[data-testid=scan-cancel]").ClickAsync(new());
        var run = await h.WaitForRunAsync(runId, r => r.State != ScanRunState.Running, TimeSpan.FromSeconds(10));
        output.WriteLine($"cancel on the page → Cancelled in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(ScanRunState.Cancelled, run.State);
        Assert.Equal("Cancelled on request.", run.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancel took {watch.Elapsed}");
        page.WaitForAssertion(() => Assert.Equal("Cancelled", Row(page).GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        await using var db = await h.DbAsync();
        Assert.Equal(0, await db.ScanResults.CountAsync(r => r.ScanRunId == runId));
        Assert.Equal(0, await db.Findings.CountAsync(f => f.AccountId == accountId));
    }
}
