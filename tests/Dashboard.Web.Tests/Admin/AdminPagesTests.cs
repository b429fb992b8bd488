using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Admin;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Admin;

/// <summary>
/// The Users and Audit log pages rendered with bUnit. Services the test does not set up (queries, UserActions,
/// the database) come from the real app; the signed-in user and the policies they hold come from bUnit.
/// The fixture's only Admin is <see cref="AdminEmail"/>: tests here create users with other roles only.
/// </summary>
public sealed class AdminPagesTests : IClassFixture<DashboardAppFactory>, IAsyncLifetime
{
    private const string AdminEmail = "page-admin@test.local";
    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    private readonly DashboardAppFactory _factory;
    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private AppUser _admin = default!;

    public AdminPagesTests(DashboardAppFactory factory)
    {
        _factory = factory;
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddFallbackServiceProvider(factory.Services);
        _auth = _context.AddAuthorization();
    }

    private BunitServiceProvider Services => _context.Services;

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<T> Render<T>() where T : IComponent => _context.Render<T>();

    private IEnumerable<MudBlazor.Snackbar> Snackbars => Services.GetRequiredService<ISnackbar>().ShownSnackbars;

    /// <summary>Signs in (for bUnit) as the fixture's Admin with a current session: id and security stamp as in a real cookie.</summary>
    private async Task SignInAsAdminAsync(bool adminPolicy = true, string? stamp = null)
    {
        _admin = await _factory.CreateUserAsync(AdminEmail, Roles.Admin);
        _auth.SetAuthorized(AdminEmail);
        _auth.SetRoles(Roles.Admin);
        if (adminPolicy)
        {
            _auth.SetPolicies(Policies.Admin);
        }

        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _admin.Id), new Claim(StampClaim, stamp ?? _admin.SecurityStamp!));
    }

    private IRenderedComponent<T> RenderPage<T>() where T : IComponent
    {
        Render<MudPopoverProvider>();
        return Render<T>();
    }

    private static IElement Row(IRenderedComponent<UsersPage> page, string email) =>
        page.FindAll("tr[data-testid=user-row]").Single(r => r.GetAttribute("data-email") == email);

    private static async Task TypeAsync(IRenderedComponent<UsersPage> page, string label, string value)
    {
        var field = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);
        await field.Find("input").ChangeAsync(new ChangeEventArgs { Value = value });
    }

    [Fact]
    public async Task Users_ListsEmailRolesMfaAndStatus()
    {
        await SignInAsAdminAsync();
        await _factory.CreateUserAsync("listed-analyst@test.local", Roles.Analyst, Roles.Operator);
        await _factory.CreateUserAsync("listed-disabled@test.local", Roles.Viewer);
        await _factory.AdministerAsync("listed-disabled@test.local", (a, u) => a.SetDisabledAsync(u, true, "test", null));

        var page = RenderPage<UsersPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-testid=user-row]")));
        Assert.Equal("Analyst, Operator", Row(page, "listed-analyst@test.local").QuerySelector("[data-testid=user-roles]")!.TextContent.Trim());
        Assert.Contains("Active", Row(page, "listed-analyst@test.local").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Disabled", Row(page, "listed-disabled@test.local").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(you)", Row(page, AdminEmail).TextContent, StringComparison.Ordinal);
        Assert.Contains("never", Row(page, "listed-analyst@test.local").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_Create_ValidatesEmailPasswordAndRoles()
    {
        await SignInAsAdminAsync();
        var page = RenderPage<UsersPage>();
        page.Find("[data-testid=user-add]").Click();
        Assert.Contains("At least 12 characters.", page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid=create-submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("s email address.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Enter an initial password of at least 12 characters.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Choose at least one role.", page.Markup, StringComparison.Ordinal);

        await TypeAsync(page, "Email", "not-an-email");
        await TypeAsync(page, "Initial password", "short");
        page.Find("[data-testid=create-submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("is not a valid email address.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("The password is too short: at least 12 characters.", page.Markup, StringComparison.Ordinal);
        Assert.Null(await _factory.FindUserAsync("not-an-email"));
    }

    [Fact]
    public async Task Users_Create_CreatesTheUserAndAuditsTheActingAdmin()
    {
        await SignInAsAdminAsync();
        var page = RenderPage<UsersPage>();
        page.Find("[data-testid=user-add]").Click();
        await TypeAsync(page, "Email", "created-in-page@test.local");
        await TypeAsync(page, "Initial password", TestUsers.Password);
        var roles = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Roles");
        await page.InvokeAsync(() => roles.Instance.SelectedValuesChanged.InvokeAsync([Roles.Operator, Roles.Viewer]));
        page.Find("[data-testid=create-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr[data-testid=user-row]"), r => r.GetAttribute("data-email") == "created-in-page@test.local"));
        Assert.Empty(page.FindAll("[data-testid=user-create-form]"));
        Assert.Equal([Roles.Operator, Roles.Viewer], (await _factory.RolesOfAsync("created-in-page@test.local")).Order());
        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.created" && a.Target == "user:created-in-page@test.local"));
        Assert.Equal(AdminEmail, entry.Actor);
        Assert.Equal(_admin.Id, entry.UserId);
    }

    [Fact]
    public async Task Users_Create_ShowsIdentityErrors()
    {
        await SignInAsAdminAsync();
        await _factory.CreateUserAsync("taken@test.local", Roles.Viewer);
        var page = RenderPage<UsersPage>();
        page.Find("[data-testid=user-add]").Click();
        await TypeAsync(page, "Email", "taken@test.local");
        await TypeAsync(page, "Initial password", TestUsers.Password);
        var roles = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Roles");
        await page.InvokeAsync(() => roles.Instance.SelectedValuesChanged.InvokeAsync([Roles.Viewer]));
        page.Find("[data-testid=create-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("is already taken", page.Find("[data-testid=create-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_DisableAndEnable_ChangeTheUserAndAudit()
    {
        await SignInAsAdminAsync();
        await _factory.CreateUserAsync("toggle@test.local", Roles.Viewer);
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Row(page, "toggle@test.local"));

        Row(page, "toggle@test.local").QuerySelector("[data-testid=action-toggle-disabled]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("Disabled", Row(page, "toggle@test.local").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal));
        Assert.True((await _factory.FindUserAsync("toggle@test.local"))!.IsDisabled);
        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.disabled" && a.Target == "user:toggle@test.local"));
        Assert.Equal(AdminEmail, entry.Actor);

        Row(page, "toggle@test.local").QuerySelector("[data-testid=action-toggle-disabled]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("Active", Row(page, "toggle@test.local").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal));
        Assert.False((await _factory.FindUserAsync("toggle@test.local"))!.IsDisabled);
    }

    [Fact]
    public async Task Users_ChangeRoles_SavesTheSelection()
    {
        await SignInAsAdminAsync();
        await _factory.CreateUserAsync("promote@test.local", Roles.Viewer);
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Row(page, "promote@test.local"));

        Row(page, "promote@test.local").QuerySelector("[data-testid=action-roles]")!.Click();
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Roles");
        await page.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync([Roles.Analyst]));
        Row(page, "promote@test.local").QuerySelector("[data-testid=roles-save]")!.Click();

        page.WaitForAssertion(() => Assert.Equal("Analyst", Row(page, "promote@test.local").QuerySelector("[data-testid=user-roles]")!.TextContent.Trim()));
        Assert.Equal([Roles.Analyst], await _factory.RolesOfAsync("promote@test.local"));
        Assert.Single(await _factory.AuditAsync(a => a.Action == "user.roles-changed" && a.Target == "user:promote@test.local" && a.Actor == AdminEmail));
    }

    [Fact]
    public async Task Users_Delete_AsksForConfirmationFirst()
    {
        await SignInAsAdminAsync();
        await _factory.CreateUserAsync("delete-in-page@test.local", Roles.Viewer);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Row(page, "delete-in-page@test.local"));

        Row(page, "delete-in-page@test.local").QuerySelector("[data-testid=action-delete]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete delete-in-page@test.local?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.NotNull(await _factory.FindUserAsync("delete-in-page@test.local"));

        Row(page, "delete-in-page@test.local").QuerySelector("[data-testid=action-delete]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Delete"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("tr[data-testid=user-row]"), r => r.GetAttribute("data-email") == "delete-in-page@test.local"));
        Assert.Null(await _factory.FindUserAsync("delete-in-page@test.local"));
        Assert.Single(await _factory.AuditAsync(a => a.Action == "user.deleted" && a.Target == "user:delete-in-page@test.local" && a.Actor == AdminEmail));
    }

    [Fact]
    public async Task Users_LastAdminDisablingThemselves_IsRefusedWithAClearMessage()
    {
        await SignInAsAdminAsync();
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Row(page, AdminEmail));

        Row(page, AdminEmail).QuerySelector("[data-testid=action-toggle-disabled]")!.Click();

        page.WaitForAssertion(() => Assert.Contains(Snackbars, s => s.Message?.Contains("last enabled Admin", StringComparison.Ordinal) == true));
        Assert.False((await _factory.FindUserAsync(AdminEmail))!.IsDisabled);
        Assert.Contains("Active", Row(page, AdminEmail).QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_ActionWithoutTheAdminPolicy_IsRefusedAndAudited()
    {
        await SignInAsAdminAsync(adminPolicy: false);
        await _factory.CreateUserAsync("not-disabled@test.local", Roles.Viewer);
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Row(page, "not-disabled@test.local"));

        Row(page, "not-disabled@test.local").QuerySelector("[data-testid=action-toggle-disabled]")!.Click();

        page.WaitForAssertion(() => Assert.Contains(Snackbars, s => s.Message?.Contains("no longer allowed", StringComparison.Ordinal) == true));
        Assert.False((await _factory.FindUserAsync("not-disabled@test.local"))!.IsDisabled);
        var denied = Assert.Single(await _factory.AuditAsync(a => a.Action == "authz.denied" && a.Target == "user:not-disabled@test.local"));
        Assert.False(denied.Succeeded);
        Assert.Equal(AdminEmail, denied.Actor);
        Assert.Contains("user.disable", denied.Details, StringComparison.Ordinal);
    }

    /// <summary>The circuit still carries the Admin role, but the user's security stamp has changed since (e.g. demoted).</summary>
    [Fact]
    public async Task Users_ActionFromAStaleSession_IsRefused()
    {
        await SignInAsAdminAsync(stamp: "stamp-from-before-the-role-change");
        await _factory.CreateUserAsync("stale-target@test.local", Roles.Viewer);
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Row(page, "stale-target@test.local"));

        Row(page, "stale-target@test.local").QuerySelector("[data-testid=action-toggle-disabled]")!.Click();

        page.WaitForAssertion(() => Assert.Contains(Snackbars, s => s.Message?.Contains("no longer allowed", StringComparison.Ordinal) == true));
        Assert.False((await _factory.FindUserAsync("stale-target@test.local"))!.IsDisabled);
        Assert.Single(await _factory.AuditAsync(a => a.Action == "authz.denied" && a.Target == "user:stale-target@test.local"));
    }

    [Fact]
    public async Task Audit_RendersHostileValuesAsText_AndExpandsBeforeAfter()
    {
        await SignInAsAdminAsync();
        await _factory.AddAuditAsync(
        [
            new AuditEvent
            {
                At = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero),
                Action = "user.roles-changed",
                Actor = AdminTestData.Hyperlink,
                Target = "page-audit:" + AdminTestData.Rtl,
                Details = AdminTestData.ForgedLine + " " + AdminTestData.Script,
                Before = """{"Roles":["Viewer"]}""",
                After = """{"Name":"<script>alert(1)</script>","Note":"a\nb"}""",
                IpAddress = "127.0.0.1",
            },
            new AuditEvent
            {
                At = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero),
                Action = "auth.sign-in-failed",
                Actor = "someone@test.local",
                Target = "page-audit:second",
                Succeeded = false,
            },
        ]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit?target=page-audit%3A");

        var page = RenderPage<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-testid=audit-row]").Count));
        Assert.Equal("2", page.Find("[data-testid=audit-total]").TextContent);
        Assert.DoesNotContain("<script>", page.Markup, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page.Markup, StringComparison.Ordinal);
        var hostile = page.FindAll("tr[data-testid=audit-row]")[1]; // older, so second
        Assert.Contains("ok\\r\\n2026-11-02", hostile.QuerySelector("[data-testid=audit-details]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("invoice\\u202Etxt.exe\\u200B", hostile.TextContent, StringComparison.Ordinal);
        Assert.Contains(AdminTestData.Hyperlink, hostile.TextContent, StringComparison.Ordinal);

        hostile.Click();
        page.WaitForAssertion(() => page.Find("[data-testid=audit-after]"));
        Assert.Equal("{\n  \"Roles\": [\n    \"Viewer\"\n  ]\n}", page.Find("[data-testid=audit-before]").TextContent);
        Assert.Equal("{\n  \"Name\": \"<script>alert(1)</script>\",\n  \"Note\": \"a\\nb\"\n}", page.Find("[data-testid=audit-after]").TextContent);
    }

    [Fact]
    public async Task Audit_FollowsTheUrl_AndExportLinksCarryTheFilter()
    {
        await SignInAsAdminAsync();
        await _factory.AddAuditAsync(Enumerable.Range(0, 3).Select(i => new AuditEvent
        {
            At = new DateTimeOffset(2026, 8, 1, 8, i, 0, TimeSpan.Zero),
            Action = i == 0 ? "auth.sign-in-failed" : "auth.sign-in",
            Actor = "url@test.local",
            Target = "url-audit:" + i,
            Succeeded = i != 0,
        }));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/audit?target=url-audit");
        var page = RenderPage<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr[data-testid=audit-row]").Count));
        Assert.Equal("/admin/audit/export.csv?target=url-audit", page.Find("[data-testid=audit-export-csv]").GetAttribute("href"));
        Assert.Equal("/admin/audit/export.json?target=url-audit", page.Find("[data-testid=audit-export-json]").GetAttribute("href"));

        // Choosing an outcome goes through the URL, and the page follows it.
        var outcome = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Outcome");
        await page.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync("no"));
        Assert.EndsWith("/admin/audit?target=url-audit&ok=no", navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-testid=audit-row]")));
        Assert.Equal("/admin/audit/export.csv?target=url-audit&ok=no", page.Find("[data-testid=audit-export-csv]").GetAttribute("href"));
    }
}
