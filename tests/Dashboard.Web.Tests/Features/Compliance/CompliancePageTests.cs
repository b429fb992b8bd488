using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Features.Checks;
using Dashboard.Web.Features.Compliance;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using static Dashboard.Web.Tests.Features.Compliance.ComplianceApp;

namespace Dashboard.Web.Tests.Features.Compliance;

/// <summary>The Compliance and Checks pages rendered with bUnit over the seeded database of <see cref="ComplianceApp"/>.</summary>
public sealed class CompliancePageTests : IClassFixture<ComplianceApp>, IAsyncLifetime
{
    private readonly ComplianceApp _app;
    private readonly BunitContext _context = new();

    public CompliancePageTests(ComplianceApp app)
    {
        _app = app;
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddFallbackServiceProvider(app.Factory.Services);
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("viewer@test.local");
        auth.SetRoles(Roles.Viewer);
        auth.SetPolicies(Policies.View);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private bool _popoverProvider;

    private IRenderedComponent<T> RenderAt<T>(string url) where T : IComponent
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        if (!_popoverProvider)
        {
            _context.Render<MudPopoverProvider>();
            _popoverProvider = true;
        }

        return _context.Render<T>();
    }

    private static Task SearchAsync(IRenderedComponent<ChecksPage> page, string text) =>
        page.FindComponents<MudTextField<string>>().Single().Find("input").InputAsync(new ChangeEventArgs { Value = text });

    private static IElement Card(IRenderedComponent<CompliancePage> page, string family) =>
        page.Find($"[data-testid='framework-card-{family}']");

    private static string Text(IElement element, string testId) => element.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    [Fact]
    public void Compliance_SelectedFramework_ShowsItsTrendOverTheYear()
    {
        // The trend's numbers come from per-scan aggregates (TrendsQueryTests); this fixture writes results only, so
        // the page must show the selected framework's trend section with its empty state, not another framework's.
        var page = RenderAt<CompliancePage>("/compliance?framework=aws-security-checklist");

        page.WaitForAssertion(() => Assert.Contains("No scored scans", page.Find("[data-testid=trend-compliance]").TextContent, StringComparison.Ordinal));
        var trend = page.Find("[data-testid=trend-compliance]").TextContent;
        Assert.Contains("AWS security checklist", trend, StringComparison.Ordinal);
        Assert.DoesNotContain("CIS", trend, StringComparison.Ordinal);
    }

    [Fact]
    public void Compliance_AllAccounts_ShowsACardPerFrameworkWithScores()
    {
        var page = RenderAt<CompliancePage>("/compliance?framework=cis-aws-5.0.0");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=framework-card-]")));
        var cis = Card(page, "cis-aws-foundations-benchmark");
        Assert.Equal("0%", Text(cis, "framework-percent"));
        Assert.Equal("0 passed", Text(cis, "framework-passed"));
        Assert.Equal("1 failed", Text(cis, "framework-failed"));
        Assert.Equal("28 manual", Text(cis, "framework-manual"));
        var checklist = Card(page, "aws-security-checklist");
        Assert.Equal("0%", Text(checklist, "framework-percent"));
        Assert.Equal("1 failed", Text(checklist, "framework-failed"));
        Assert.Equal(2, page.FindAll("[data-testid^=framework-card-]").Count);
        Assert.Contains("each of 2 accounts", page.Find("[data-testid=compliance-basis]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Compliance_OneAccount_ScoresThatAccountsLatestCompleteScan()
    {
        var page = RenderAt<CompliancePage>($"/compliance?framework=cis-aws-5.0.0&account={_app.Alpha}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=framework-card-]")));
        var cis = Card(page, "cis-aws-foundations-benchmark");
        Assert.Equal("100%", Text(cis, "framework-percent"));
        Assert.Equal("1 passed", Text(cis, "framework-passed"));
        Assert.Contains($"run {_app.AlphaLatestRun}", page.Find("[data-testid=compliance-basis]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_ChangingAccountOrVersion_Rescores()
    {
        var page = RenderAt<CompliancePage>("/compliance");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=framework-card-]")));
        Assert.Equal("0%", Text(Card(page, "cis-aws-foundations-benchmark"), "framework-percent"));

        var account = page.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "Account");
        await page.InvokeAsync(() => account.Instance.ValueChanged.InvokeAsync(_app.Alpha));
        Assert.Equal("100%", Text(Card(page, "cis-aws-foundations-benchmark"), "framework-percent"));
        Assert.EndsWith($"account={_app.Alpha}", _context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        // v3.0.0 has 62 requirements of which 27 carry the Manual label; the default is the newest version (70 requirements, 36 Manual).
        Assert.Equal("36 manual", Text(Card(page, "cis-aws-foundations-benchmark"), "framework-manual"));
        var version = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Version");
        await page.InvokeAsync(() => version.Instance.ValueChanged.InvokeAsync("cis-aws-3.0.0"));
        Assert.Equal("27 manual", Text(Card(page, "cis-aws-foundations-benchmark"), "framework-manual"));
    }

    [Fact]
    public async Task Compliance_DrillsDownFromSectionToFailingResources()
    {
        var page = RenderAt<CompliancePage>("/compliance");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=framework-card-]")));
        await Card(page, "aws-security-checklist").QuerySelector("[data-testid=framework-open]")!.ClickAsync(new());
        Assert.Equal("AWS security checklist v1.0", page.Find("[data-testid=compliance-framework-title]").TextContent.Trim());
        Assert.EndsWith("framework=aws-security-checklist", _context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        await page.Find("[data-testid=section-DATA] [data-testid=section-header]").ClickAsync(new());
        var x3 = page.Find("[data-testid=section-DATA] tr[data-requirement=X3]");
        Assert.Contains("Fail", x3.TextContent, StringComparison.Ordinal);

        await x3.ClickAsync(new());
        var checks = page.Find("[data-testid=requirement-checks]");
        Assert.Contains(BucketEncryption, checks.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 failed · 2 passed", checks.TextContent, StringComparison.Ordinal);
        // Every mapped check is listed; one that is not in this build's catalog says so instead of looking like a pass.
        var x3Checks = Core.Frameworks.FrameworkCatalog.Default.Find("aws-security-checklist")!.Requirements.Single(r => r.Id == "X3").CheckIds;
        Assert.All(x3Checks, id => Assert.Contains(id, checks.TextContent, StringComparison.Ordinal));
        Assert.Equal(x3Checks.Count(id => Core.Checks.CheckCatalog.Default.Find(id) is null),
            System.Text.RegularExpressions.Regex.Count(checks.TextContent, "not implemented yet"));

        await page.Find("[data-testid=requirement-checks] [data-testid=show-resources]").ClickAsync(new());
        var resources = page.Find("[data-testid=check-resources]");
        var link = resources.QuerySelector("a")!;
        Assert.Equal($"/findings/{_app.AlphaLogsFinding}", link.GetAttribute("href"));
        Assert.Equal("alpha-logs", link.TextContent);
        Assert.DoesNotContain("alpha-data", resources.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_ListsTheWholeCatalogWithCountsFromTheDatabase()
    {
        var page = RenderAt<ChecksPage>("/checks");

        page.WaitForAssertion(() => Assert.Equal(Core.Checks.CheckCatalog.Default.All.Count, page.FindAll("tr[data-testid=check-row]").Count));
        var encryption = page.Find($"tr[data-check={BucketEncryption}]");
        Assert.Equal("1", Text(encryption, "check-failed"));
        Assert.Equal("2", Text(encryption, "check-passed"));
        Assert.Empty(page.FindAll("[data-testid=check-detail]"));
        Assert.All(Core.Checks.CheckCatalog.Default.All, c => Assert.Equal(c.Metadata.ManualReview,
            page.Find($"tr[data-check={c.Id}]").TextContent.Contains("may need review", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Checks_OpeningACheck_ShowsRationaleRequirementsAndRemediation()
    {
        var page = RenderAt<ChecksPage>("/checks");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-testid=check-row]")));

        await page.Find($"tr[data-check={RootMfa}]").ClickAsync(new());

        var detail = page.Find("[data-testid=check-detail]");
        var metadata = Core.Checks.CheckCatalog.Default.Find(RootMfa)!.Metadata;
        Assert.Contains(metadata.Rationale, detail.TextContent, StringComparison.Ordinal);
        Assert.Equal(["cis-aws-3.0.0:1.5", "cis-aws-4.0.1:1.5", "cis-aws-5.0.0:1.4", "cis-aws-6.0.0:2.4", "cis-aws-7.0.0:2.5"],
            detail.QuerySelectorAll("[data-testid=check-requirement]").Select(c => c.TextContent.Trim()).Order(StringComparer.Ordinal));
        var blocks = detail.QuerySelectorAll("pre.code-block").Select(p => p.TextContent).ToList();
        Assert.Contains(metadata.Remediation.Cli, blocks);
        Assert.Contains(metadata.Remediation.Terraform, blocks);
        Assert.Contains(detail.QuerySelectorAll("button[aria-label]"), b => b.GetAttribute("aria-label") == "Copy AWS CLI");
        Assert.Contains(detail.QuerySelectorAll("button[aria-label]"), b => b.GetAttribute("aria-label") == "Copy Terraform");
    }

    [Fact]
    public async Task Checks_SearchAndFilters_NarrowTheList()
    {
        var page = RenderAt<ChecksPage>("/checks");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-testid=check-row]")));

        await SearchAsync(page, "imdsv2");
        Assert.All(page.FindAll("tr[data-testid=check-row]"), r => Assert.Contains("imdsv2", r.GetAttribute("data-check"), StringComparison.Ordinal));
        Assert.Contains(page.FindAll("tr[data-testid=check-row]"), r => r.GetAttribute("data-check") == Imdsv2);

        await SearchAsync(page, "");
        var service = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Service");
        await page.InvokeAsync(() => service.Instance.ValueChanged.InvokeAsync("s3"));
        Assert.NotEmpty(page.FindAll("tr[data-testid=check-row]"));
        Assert.All(page.FindAll("tr[data-testid=check-row]"), r => Assert.StartsWith("s3_", r.GetAttribute("data-check"), StringComparison.Ordinal));

        await page.InvokeAsync(() => service.Instance.ValueChanged.InvokeAsync(null));
        var severity = page.FindComponents<MudSelect<Core.Checks.Severity>>().Single();
        await page.InvokeAsync(() => severity.Instance.SelectedValuesChanged.InvokeAsync([Core.Checks.Severity.Critical]));
        var critical = Core.Checks.CheckCatalog.Default.All.Where(c => c.Metadata.Severity == Core.Checks.Severity.Critical).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(critical);
        Assert.Equal(critical, page.FindAll("tr[data-testid=check-row]").Select(r => r.GetAttribute("data-check")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Checks_FrameworkAndCheckInTheUrl_FilterAndOpen()
    {
        var cis7 = RenderAt<ChecksPage>("/checks?framework=cis-aws-7.0.0");
        cis7.WaitForAssertion(() => Assert.NotEmpty(cis7.FindAll("tr[data-testid=check-row]")));
        var ids = cis7.FindAll("tr[data-testid=check-row]").Select(r => r.GetAttribute("data-check")).ToList();
        Assert.Contains(RootMfa, ids);
        Assert.DoesNotContain(BucketEncryption, ids); // checklist only

        var one = RenderAt<ChecksPage>($"/checks?check={BucketEncryption}");
        one.WaitForAssertion(() => Assert.Single(one.FindAll("[data-testid=check-detail]")));
        Assert.Equal(BucketEncryption, Assert.Single(one.FindAll("tr[data-testid=check-row]")).GetAttribute("data-check"));
    }
}
