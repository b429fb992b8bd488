using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Scanning;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// The Accounts page (/accounts) rendered with bUnit over the real app and database: what the form says about bad
/// input, and that add, edit, disable and remove show in the list and in the database. Jobs do not run here.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class AccountsPageTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new() { RunJobs = false };
    private PageTestContext _page = null!;

    public Task InitializeAsync()
    {
        _page = new PageTestContext(_app);
        _page.SignInAsOperator();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        _app.Dispose();
    }

    private IRenderedComponent<AccountsPage> Render() => _page.Render<AccountsPage>("/accounts");

    private static Task TypeAsync(IRenderedComponent<AccountsPage> page, string testId, string value) => PageTestContext.TypeAsync(page, testId, value);

    private static string? ErrorOf(IRenderedComponent<AccountsPage> page, string label)
    {
        var field = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);
        return field.Instance.GetState(x => x.Error) ? field.Instance.GetState(x => x.ErrorText) : null;
    }

    private static IElement Row(IRenderedComponent<AccountsPage> page, string awsAccountId) =>
        page.FindAll("tr[data-testid=account-row]").Single(r => r.GetAttribute("data-account") == awsAccountId);

    private static IElement Button(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]") ?? throw new InvalidOperationException($"no {testId} in the row");

    private async Task<List<CloudAccount>> AccountsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task FillValidAsync(IRenderedComponent<AccountsPage> page, string awsAccountId, string name)
    {
        await TypeAsync(page, "account-id", awsAccountId);
        await TypeAsync(page, "account-name", name);
    }

    [Fact]
    public async Task Save_WithInvalidFields_ShowsWhatIsWrongWithEach_AndStoresNothing()
    {
        var page = Render();
        await TypeAsync(page, "account-id", "12345678901");
        await TypeAsync(page, "regions", "eu-west-1, westeurope");
        await TypeAsync(page, "check-scope", "cis-aws-5.0.0, no_such_check");
        await TypeAsync(page, "schedule", "0 25 * * *");
        await TypeAsync(page, "schedule-time-zone", "Mars/Olympus");
        await TypeAsync(page, "endpoint-url", "ftp://127.0.0.1:4566");

        await page.Find("[data-testid=account-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(ErrorOf(page, "AWS account id")));
        Assert.Equal("An AWS account id is exactly 12 digits, e.g. 123456789012.", ErrorOf(page, "AWS account id"));
        Assert.Equal("Give the account a name people recognise.", ErrorOf(page, "Name"));
        Assert.Equal("\"westeurope\" is not a region name (e.g. eu-west-1).", ErrorOf(page, "Regions (comma-separated; empty = all enabled)"));
        Assert.Equal("Unknown framework or check: no_such_check.", ErrorOf(page, "Frameworks or checks (empty = all)"));
        Assert.Contains("hour", ErrorOf(page, "Schedule (cron, empty = on demand)")!, StringComparison.Ordinal);
        Assert.Contains("Unknown time zone \"Mars/Olympus\"", ErrorOf(page, "Time zone (IANA, empty = UTC)")!, StringComparison.Ordinal);
        Assert.Equal("The endpoint is an http(s) URL, e.g. http://localhost:4566.", ErrorOf(page, "Endpoint URL (optional: LocalStack, tests)"));
        Assert.Contains("An AWS account id is exactly 12 digits", page.Markup, StringComparison.Ordinal);
        Assert.Contains(_page.Snackbars, s => s.Message?.Contains("correct the highlighted fields", StringComparison.Ordinal) == true);
        Assert.Empty(await AccountsAsync());
    }

    [Fact]
    public async Task Save_AfterCorrectingTheFields_ClearsTheMessages_AndAddsTheAccount()
    {
        var page = Render();
        await TypeAsync(page, "account-id", "1234567890ab");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(ErrorOf(page, "AWS account id")));

        await FillValidAsync(page, "123456789012", "Payments prod");
        await page.Find("[data-testid=account-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-testid=account-row]")));
        Assert.Null(ErrorOf(page, "AWS account id"));
        Assert.Null(ErrorOf(page, "Name"));
        var row = Row(page, "123456789012");
        Assert.Contains("Payments prod", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("default chain", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("never", Button(row, "account-last-scan").TextContent, StringComparison.Ordinal);
        Assert.Equal("Add an account", page.Find("[data-testid=account-form-title]").TextContent.Trim());
        Assert.Equal("", PageTestContext.Field(page, "account-id").GetAttribute("value") ?? "");
        var account = Assert.Single(await AccountsAsync());
        Assert.Equal(("123456789012", "Payments prod", true), (account.AwsAccountId, account.Name, account.Enabled));
    }

    [Fact]
    public async Task AssumeRole_BadOrForeignRoleArn_SaysWhatARoleArnLooksLike()
    {
        var page = Render();
        await FillValidAsync(page, "123456789012", "Audit target");
        await PageTestContext.SelectAsync(page, "Access method", AccountAccessMethod.AssumeRole);

        await TypeAsync(page, "role-arn", "arn:aws:iam::123456789012:user/scanner");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("A role ARN looks like arn:aws:iam::123456789012:role/posture-dashboard-scanner.", ErrorOf(page, "Role ARN")));

        await TypeAsync(page, "role-arn", "arn:aws:iam::999999999999:role/scanner");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("The role belongs to account 999999999999, not 123456789012.", ErrorOf(page, "Role ARN")));
        Assert.Empty(await AccountsAsync());
    }

    [Fact]
    public async Task AssumeRole_ShowsAGeneratedExternalIdAndTheRoleTemplate_AndSavesThatExternalId()
    {
        var page = Render();
        Assert.Empty(page.FindAll("[data-testid=external-id]"));
        await FillValidAsync(page, "123456789012", "Audit target");
        await PageTestContext.SelectAsync(page, "Access method", AccountAccessMethod.AssumeRole);

        page.WaitForElement("[data-testid=external-id]");
        var externalId = PageTestContext.Field(page, "external-id").GetAttribute("value");
        Assert.Matches("^pd-[0-9a-f]{32}$", externalId);
        page.Find("[data-testid=role-template] .mud-expand-panel-header").Click();
        var template = page.Find("[data-testid=role-template]").TextContent;
        Assert.Contains($"ExternalId = {externalId}", template, StringComparison.Ordinal);
        Assert.Contains("AWS::IAM::Role", template, StringComparison.Ordinal);
        Assert.Contains("aws_iam_role", template, StringComparison.Ordinal);
        Assert.Contains("sts:ExternalId", template, StringComparison.Ordinal);

        await TypeAsync(page, "role-arn", "arn:aws:iam::123456789012:role/posture-dashboard-scanner");
        await page.Find("[data-testid=account-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-testid=account-row]")));
        Assert.Contains("arn:aws:iam::123456789012:role/posture-dashboard-scanner", Row(page, "123456789012").TextContent, StringComparison.Ordinal);
        var account = Assert.Single(await AccountsAsync());
        Assert.Equal((AccountAccessMethod.AssumeRole, externalId), (account.AccessMethod, account.ExternalId));
    }

    [Fact]
    public async Task Edit_ChangesTheAccountInTheListAndTheDatabase_AndRegistersTheNewSchedule()
    {
        var page = Render();
        await FillValidAsync(page, "123456789012", "Payments");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-testid=account-row]")));

        await Button(Row(page, "123456789012"), "account-edit").ClickAsync(new());
        Assert.Equal("Edit Payments", page.Find("[data-testid=account-form-title]").TextContent.Trim());
        Assert.Equal("123456789012", PageTestContext.Field(page, "account-id").GetAttribute("value"));
        await TypeAsync(page, "account-name", "Payments production");
        await TypeAsync(page, "regions", "eu-west-1,eu-central-1");
        await TypeAsync(page, "schedule", "0 3 * * MON");
        await TypeAsync(page, "schedule-time-zone", "Europe/Berlin");
        await page.Find("[data-testid=account-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Payments production", Row(page, "123456789012").TextContent, StringComparison.Ordinal));
        var row = Row(page, "123456789012").TextContent;
        Assert.Contains("eu-west-1,eu-central-1", row, StringComparison.Ordinal);
        Assert.Contains("0 3 * * MON (Europe/Berlin)", row, StringComparison.Ordinal);
        Assert.Single(page.FindAll("tr[data-testid=account-row]"));
        var account = Assert.Single(await AccountsAsync());
        Assert.Equal(("Payments production", "0 3 * * MON", "Europe/Berlin"), (account.Name, account.Schedule, account.ScheduleTimeZone));
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal("0 3 * * MON", Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == ScanSchedules.JobId(account.Id)).Cron);
    }

    [Fact]
    public async Task Disable_ShowsDisabled_TurnsOffScanNow_AndEnableBringsItBack()
    {
        var page = Render();
        await FillValidAsync(page, "123456789012", "Sandbox");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-testid=account-row]")));

        await Button(Row(page, "123456789012"), "account-toggle").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("(disabled)", Row(page, "123456789012").TextContent, StringComparison.Ordinal));
        Assert.True(Button(Row(page, "123456789012"), "account-scan").HasAttribute("disabled"));
        Assert.Equal("Enable", Button(Row(page, "123456789012"), "account-toggle").TextContent.Trim());
        Assert.False(Assert.Single(await AccountsAsync()).Enabled);

        await Button(Row(page, "123456789012"), "account-toggle").ClickAsync(new());
        page.WaitForAssertion(() => Assert.DoesNotContain("(disabled)", Row(page, "123456789012").TextContent, StringComparison.Ordinal));
        Assert.False(Button(Row(page, "123456789012"), "account-scan").HasAttribute("disabled"));
        Assert.True(Assert.Single(await AccountsAsync()).Enabled);
    }

    [Fact]
    public async Task Remove_TakesTheAccountOffTheList_ButNotWhileAScanOfItIsQueued()
    {
        var page = Render();
        await FillValidAsync(page, "123456789012", "Keep for now");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        await FillValidAsync(page, "210000000002", "Old account");
        await page.Find("[data-testid=account-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-testid=account-row]").Count));

        await Button(Row(page, "123456789012"), "account-scan").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Queued", Button(Row(page, "123456789012"), "account-last-scan").TextContent, StringComparison.Ordinal));
        await Button(Row(page, "123456789012"), "account-remove").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(_page.Snackbars, s => s.Message == "A scan of this account is queued or running; cancel it first."));
        Assert.Equal(2, page.FindAll("tr[data-testid=account-row]").Count);

        await Button(Row(page, "210000000002"), "account-remove").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-testid=account-row]")));
        Assert.Equal("123456789012", page.Find("tr[data-testid=account-row]").GetAttribute("data-account"));
        Assert.Equal(["123456789012"], (await AccountsAsync()).Select(a => a.AwsAccountId));
    }

    [Fact]
    public async Task Viewer_SeesTheList_ButNeitherTheFormNorTheActions()
    {
        await _app.Services.GetRequiredService<AccountCommands>().SaveAsync(new AccountForm { AwsAccountId = "123456789012", Name = "Listed" }, "test", null, CancellationToken.None);
        _page.SignIn(Roles.Viewer, Policies.View);

        var page = Render();

        Assert.Contains("Listed", Row(page, "123456789012").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=account-form]"));
        Assert.Empty(page.FindAll("[data-testid=account-scan], [data-testid=account-edit], [data-testid=account-toggle], [data-testid=account-remove]"));
    }
}
