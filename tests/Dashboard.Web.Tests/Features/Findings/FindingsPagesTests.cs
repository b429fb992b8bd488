using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Features.Findings;

/// <summary>The explorer and the finding page rendered with bUnit over the real app's services and database.</summary>
public sealed class FindingsPagesTests : IAsyncLifetime
{
    private readonly LifecycleHarness _h = new();
    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private ScanRun _firstScan = null!;

    public FindingsPagesTests() => _auth = _context.UseApp(_h.Factory.Services);

    public async Task InitializeAsync()
    {
        await _h.InitAsync();
        _firstScan = await _h.ScanAsync(
            LifecycleHarness.Result("alpha-bucket", ResultStatus.Fail),
            LifecycleHarness.Result("beta-bucket", ResultStatus.Fail, region: "eu-west-1"),
            LifecycleHarness.Result("gamma-bucket", ResultStatus.Pass),
            LifecycleHarness.Result("root", ResultStatus.Fail, check: "iam_root_mfa_enabled", region: "global"));
        await _h.ScanAsync(
            LifecycleHarness.Result("alpha-bucket", ResultStatus.Pass),
            LifecycleHarness.Result("beta-bucket", ResultStatus.Fail, region: "eu-west-1"),
            LifecycleHarness.Result("gamma-bucket", ResultStatus.Pass),
            LifecycleHarness.Result("root", ResultStatus.Fail, check: "iam_root_mfa_enabled", region: "global"));
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _h.Dispose();
    }

    private void SignIn(string role, params string[] policies)
    {
        _auth.SetAuthorized(TestUsers.EmailFor(role));
        _auth.SetRoles(role);
        _auth.SetPolicies(policies);
    }

    private IRenderedComponent<T> RenderAt<T>(string url, Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        _context.Render<MudPopoverProvider>();
        return parameters is null ? _context.Render<T>() : _context.Render<T>(parameters);
    }

    /// <summary>The input or textarea of a MudTextField, wherever MudBlazor put the test id.</summary>
    private static AngleSharp.Dom.IElement Field<T>(IRenderedComponent<T> page, string testId) where T : IComponent
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea") ?? throw new InvalidOperationException(testId);
    }

    private static List<string> Resources(IRenderedComponent<FindingsPage> page) =>
        page.FindAll("tr[data-testid=finding-row] a.mono").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public void Explorer_AppliesTheFiltersInTheUrl()
    {
        SignIn(Roles.Viewer, Policies.View);
        var page = RenderAt<FindingsPage>("/findings?region=eu-west-1");
        page.WaitForAssertion(() => Assert.Equal(["beta-bucket"], Resources(page)));
        Assert.Equal("1", page.Find("[data-testid=findings-total]").TextContent.Trim());
    }

    [Fact]
    public void Explorer_DefaultShowsFailures_StatusAnyShowsAll_SortingGoesToTheUrl()
    {
        SignIn(Roles.Viewer, Policies.View);
        var page = RenderAt<FindingsPage>("/findings");
        page.WaitForAssertion(() => Assert.Equal(2, Resources(page).Count));
        Assert.Equal(["beta-bucket", "root"], Resources(page).Order(StringComparer.Ordinal));

        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        page.Find("[data-testid=sort-resource]").Click();
        Assert.Contains("sort=resource", navigation.Uri, StringComparison.Ordinal);

        navigation.NavigateTo("/findings?status=any&sort=resource&dir=asc");
        page.WaitForAssertion(() => Assert.Equal(["alpha-bucket", "beta-bucket", "gamma-bucket", "root"], Resources(page)));
    }

    [Fact]
    public void Explorer_ExportLinksCarryTheSameFilter_AndViewerHasNoBulkActions()
    {
        SignIn(Roles.Viewer, Policies.View);
        var page = RenderAt<FindingsPage>("/findings?region=eu-west-1&triage=Open");
        page.WaitForAssertion(() => Assert.Single(Resources(page)));
        Assert.Empty(page.FindAll("[data-testid=bulk-actions]"));
        var links = page.FindAll("a[href^='/findings/export']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links.Count);
        Assert.All(links, l => Assert.Contains("region=eu-west-1&triage=Open", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Changes_ShowTheLatestScan_OrTheScanInTheLink()
    {
        SignIn(Roles.Viewer, Policies.View);
        static List<string> Listed(IRenderedComponent<ChangesPage> page, string change) =>
            page.FindAll($"[data-testid=changes-{change}] a.mono").Select(a => a.TextContent.Trim()).Order().ToList();

        var latest = RenderAt<ChangesPage>("/changes");
        latest.WaitForAssertion(() => Assert.Equal(["alpha-bucket"], Listed(latest, "resolved")));
        Assert.Empty(Listed(latest, "new"));

        // The same page at a run's link (the popover provider is already rendered).
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/changes?run={_firstScan.Id}");
        var first = _context.Render<ChangesPage>();
        first.WaitForAssertion(() => Assert.Equal(["alpha-bucket", "beta-bucket", "root"], Listed(first, "new")));
        Assert.Empty(Listed(first, "resolved"));
        Assert.Equal($"scan #{_firstScan.Id}", first.Find("[data-testid=changes-run]").TextContent.Trim());
    }

    [Fact]
    public async Task Explorer_BulkAction_ChangesEveryMatchingFinding()
    {
        SignIn(Roles.Analyst, Policies.View, Policies.Triage);
        var page = RenderAt<FindingsPage>("/findings");
        page.WaitForAssertion(() => Assert.Equal(2, Resources(page).Count));
        await Field(page, "bulk-assignee").ChangeAsync(new ChangeEventArgs { Value = "dana@test.local" });
        page.Find("[data-testid=bulk-apply-assignee]").Click();

        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=row-triage]"), c => Assert.Contains("dana@test.local", c.TextContent, StringComparison.Ordinal)));
        await using var db = await _h.Db.CreateDbContextAsync();
        Assert.Equal(["beta-bucket", "root"], (await db.Findings.Where(f => f.Assignee == "dana@test.local").Select(f => f.ResourceId).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(2, await db.FindingEvents.CountAsync(e => e.Kind == "assignee"));
    }

    [Fact]
    public async Task FindingPage_ShowsEvidenceReasonRemediationAndTimeline()
    {
        SignIn(Roles.Viewer, Policies.View);
        var id = (await _h.FindingAsync("alpha-bucket")).Id;
        var page = RenderAt<FindingDetailPage>($"/findings/{id}", p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Contains("alpha-bucket is Pass", page.Find("[data-testid=finding-reason]").TextContent, StringComparison.Ordinal));
        Assert.Contains("alpha-bucket", page.Find("[data-testid=finding-evidence]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Resolved", page.Find("[data-testid=lifecycle]").TextContent.Trim());
        var timeline = page.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, timeline.Count);
        Assert.Contains("Pass", timeline[0], StringComparison.Ordinal);
        Assert.Contains("Fail", timeline[1], StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("button[aria-label^='Copy']"));
        Assert.Empty(page.FindAll("[data-testid=triage-save]"));
        Assert.Empty(page.FindAll("[data-testid=comment-save]"));
    }

    [Fact]
    public async Task FindingPage_AnalystComments_AndRiskAcceptanceNeedsDetails()
    {
        SignIn(Roles.Analyst, Policies.View, Policies.Triage);
        var id = (await _h.FindingAsync("beta-bucket")).Id;
        var page = RenderAt<FindingDetailPage>($"/findings/{id}", p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=comment-save]"));

        await Field(page, "comment-input").ChangeAsync(new ChangeEventArgs { Value = "owner asked for a week" });
        page.Find("[data-testid=comment-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("owner asked for a week", page.Find("[data-testid=comment]").TextContent, StringComparison.Ordinal));

        var select = page.FindComponents<MudSelect<TriageState>>().Single();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(TriageState.RiskAccepted));
        page.Find("[data-testid=triage-save]").Click();
        page.WaitForAssertion(() => Assert.Contains(_context.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message != null && s.Message.Contains("justification", StringComparison.Ordinal)));
        Assert.Equal(TriageState.Open, (await _h.FindingAsync("beta-bucket")).TriageState);

        await Field(page, "risk-justification").ChangeAsync(new ChangeEventArgs { Value = "legacy, isolated" });
        await Field(page, "risk-approver").ChangeAsync(new ChangeEventArgs { Value = "CISO" });
        await Field(page, "risk-until").ChangeAsync(new ChangeEventArgs { Value = _h.Factory.Clock.Now.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        page.Find("[data-testid=triage-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("Risk accepted", page.Find("[data-testid=triage-state]").TextContent.Trim()));
        var finding = await _h.FindingAsync("beta-bucket");
        Assert.Equal(("CISO", "legacy, isolated"), (finding.RiskApprover, finding.RiskJustification));
        Assert.Contains(page.FindAll("[data-testid=timeline-entry]"), e => e.TextContent.Contains("Open → RiskAccepted", StringComparison.Ordinal));
    }
}
