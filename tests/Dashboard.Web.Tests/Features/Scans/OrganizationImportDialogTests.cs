extern alias fakeaws;

using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Security;
using fakeaws::FakeAws;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using static Dashboard.Web.Tests.Features.Scans.OrganizationHarness;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// The import dialog rendered with bUnit over its own app (one management account on the dashboard) and a fake AWS:
/// load the organization, filter, select all, fix the role name, add, read the summary.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class OrganizationImportDialogTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = App();
    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private FakeAwsServer _aws = null!;
    private OrganizationData _organization = null!;
    private int _imported;

    public OrganizationImportDialogTests()
    {
        _auth = _context.UseApp(_app.Services);
        _auth.SetAuthorized("operator@test.local");
        _auth.SetRoles(Roles.Operator);
    }

    public async Task InitializeAsync()
    {
        var management = NewAccountId();
        _organization = Organization(management, memberCount: 4);
        _aws = await StartAwsAsync(management, _organization);
        await _app.AddSourceAsync(management, _aws);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _aws.DisposeAsync();
        _app.Dispose();
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        _context.Render<MudPopoverProvider>();
        var dialogs = _context.Render<MudDialogProvider>();
        var accounts = await _app.Services.GetRequiredService<ScansQuery>().AccountsAsync(CancellationToken.None);
        _context.Render<OrganizationImportDialog>(p => p
            .Add(d => d.Visible, true)
            .Add(d => d.Accounts, accounts)
            .Add(d => d.Imported, () => _imported++));
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=org-load]").HasAttribute("disabled")));
        return dialogs;
    }

    private static IReadOnlyList<string> Rows(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll("tr[data-testid=org-member-row]").Select(r => r.GetAttribute("data-account-id")!).ToList();

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string testId) => dialogs.Find($"button[data-testid={testId}]");

    /// <summary>The input of a MudBlazor field, whether the component puts its data-testid on the input or around it.</summary>
    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private static Task TypeAsync(IRenderedComponent<MudDialogProvider> dialogs, string testId, string value) =>
        Input(dialogs, testId).ChangeAsync(new ChangeEventArgs { Value = value });

    [Fact]
    public async Task Import_LoadFilterSelectAllAndAdd_AddsTheActiveNewAccountsAndReportsTheSkipped()
    {
        _auth.SetPolicies(Policies.View, Policies.Operate);
        var dialogs = await OpenAsync();

        await Button(dialogs, "org-load").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Equal(6, Rows(dialogs).Count));
        Assert.Contains($"Organization {_organization.Id}", dialogs.Find("[data-testid=org-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 already on the dashboard, 1 suspended", dialogs.Find("[data-testid=org-summary]").TextContent, StringComparison.Ordinal);

        await Input(dialogs, "org-filter").InputAsync(new ChangeEventArgs { Value = "workload 0" });
        dialogs.WaitForAssertion(() => Assert.Equal(4, Rows(dialogs).Count));
        await Input(dialogs, "org-filter").InputAsync(new ChangeEventArgs { Value = "" });
        dialogs.WaitForAssertion(() => Assert.Equal(6, Rows(dialogs).Count));

        await Input(dialogs, "org-select-all").ChangeAsync(new ChangeEventArgs { Value = true });
        dialogs.WaitForAssertion(() => Assert.Equal("Add 4 accounts", Button(dialogs, "org-add").TextContent.Trim()));

        await TypeAsync(dialogs, "org-role-name", "Dashboard Scanner");
        await Button(dialogs, "org-add").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("is not an IAM role name", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, _imported);

        await TypeAsync(dialogs, "org-role-name", "security/DashboardScanner");
        await Button(dialogs, "org-add").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Equal("Added 4 accounts, skipped 2.", dialogs.Find("[data-testid=org-result-summary]").TextContent.Trim()));
        var skipped = dialogs.Find("[data-testid=org-skipped]").TextContent;
        Assert.Contains($"{_organization.MasterAccountId} Management: already on the dashboard", skipped, StringComparison.Ordinal);
        Assert.Contains("Closed sandbox: suspended", skipped, StringComparison.Ordinal);
        Assert.Equal(1, _imported);
        var workloads = _organization.Accounts.Where(a => a.Name.StartsWith("Workload", StringComparison.Ordinal)).Select(a => a.Id).ToList();
        var stored = await _app.AccountsAsync(workloads);
        Assert.Equal(4, stored.Count);
        Assert.All(stored, a => Assert.Equal($"arn:aws:iam::{a.AwsAccountId}:role/security/DashboardScanner", a.RoleArn));
        Assert.All(stored, a => Assert.Contains($"{a.AwsAccountId},{a.RoleArn},{a.ExternalId}", dialogs.Markup, StringComparison.Ordinal));
        dialogs.WaitForAssertion(() => Assert.Equal("Add 0 accounts", Button(dialogs, "org-add").TextContent.Trim()));
    }

    [Fact]
    public async Task Import_ListingDenied_ShowsTheReasonAndNoTable()
    {
        _auth.SetPolicies(Policies.View, Policies.Operate);
        await _aws.DisposeAsync();
        _aws = await StartAwsAsync(_organization.MasterAccountId, _organization, new ScenarioFaults { AccessDenied = [new AccessDeniedRule("organizations", "ListAccounts")] });
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Accounts.ExecuteUpdateAsync(s => s.SetProperty(a => a.EndpointUrl, _aws.Endpoint.ToString().TrimEnd('/')));
        }

        var dialogs = await OpenAsync();
        await Button(dialogs, "org-load").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("Access denied on organizations:ListAccounts", dialogs.Find("[data-testid=org-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Rows(dialogs));
        Assert.Empty(dialogs.FindAll("button[data-testid=org-add]"));
    }

    [Fact]
    public async Task Import_WithoutTheOperatePolicy_ListsNothingAndIsAudited()
    {
        _auth.SetPolicies(Policies.View);
        var dialogs = await OpenAsync();

        await Button(dialogs, "org-load").ClickAsync(new());

        Assert.Empty(Rows(dialogs));
        Assert.Equal(0, _aws.Calls.Total);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.AuditEvents.Where(a => a.Action == "authz.denied" && a.Details!.Contains("list organization accounts")).ToListAsync());
    }
}
