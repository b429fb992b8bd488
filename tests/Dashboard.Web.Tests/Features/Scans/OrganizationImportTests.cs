extern alias fakeaws;

using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Core.Inventory;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using fakeaws::FakeAws;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Features.Scans.OrganizationHarness;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// Listing an organization through the fake AWS (real Organizations wire protocol, paging and faults) and adding its
/// accounts in bulk, on SQLite and PostgreSQL.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class OrganizationImportTests(OrganizationImportTests.Apps apps) : IClassFixture<OrganizationImportTests.Apps>
{
    private DashboardAppFactory _app = null!;

    private OrganizationImport Import => _app.Services.GetRequiredService<OrganizationImport>();

    private async Task StartAsync(DatabaseProvider provider) => _app = await apps.For(provider);

    /// <summary>A management account on the dashboard, its fake AWS (the caller disposes it), and its organization listed.</summary>
    private async Task<(FakeAwsServer Aws, OrganizationData Organization, OrganizationListing Listing)> ListedAsync(
        DatabaseProvider provider, int members, ScenarioFaults? faults = null, string partition = "aws")
    {
        await StartAsync(provider);
        var management = NewAccountId();
        var organization = Organization(management, members);
        var aws = await StartAwsAsync(management, organization, faults, partition);
        var listing = await Import.ListMembersAsync(await _app.AddSourceAsync(management, aws), CancellationToken.None);
        Assert.True(listing.Succeeded, listing.Error);
        return (aws, organization, listing);
    }

    private static string[] Addable(OrganizationListing listing) => listing.Members.Where(m => m.SkipReason is null).Select(m => m.AwsAccountId).ToArray();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ListMembers_FromTheManagementAccount_ReadsEveryPageAndMarksAccountsOnTheDashboard(DatabaseProvider provider)
    {
        var (aws, organization, listing) = await ListedAsync(provider, members: 5, new ScenarioFaults { PageSize = 2 });
        await using var _ = aws;

        Assert.Equal(organization.Id, listing.OrganizationId);
        Assert.Equal(organization.MasterAccountId, listing.ManagementAccountId);
        Assert.Equal(4, aws.Calls.Count("organizations", "ListAccounts")); // 7 accounts, 2 a page
        Assert.Equal(organization.Accounts.Select(a => a.Id).Order(), listing.Members.Select(m => m.AwsAccountId).Order());
        var member = Assert.Single(listing.Members, m => m.AwsAccountId == organization.Accounts[1].Id);
        Assert.Equal(("Workload 01", $"aws+{member.AwsAccountId}@example.com", "ACTIVE", false), (member.Name, member.Email, member.Status, member.OnDashboard));
        Assert.True(Assert.Single(listing.Members, m => m.AwsAccountId == organization.MasterAccountId).OnDashboard);
        Assert.Equal("suspended", Assert.Single(listing.Members, m => m.Suspended).SkipReason);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ListMembers_AccountNotInAnOrganization_SaysSoInsteadOfAnEmptyList(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var standalone = NewAccountId();
        await using var aws = await StartAwsAsync(standalone, organization: null);

        var listing = await Import.ListMembersAsync(await _app.AddSourceAsync(standalone, aws, "Standalone"), CancellationToken.None);

        Assert.False(listing.Succeeded);
        Assert.Contains($"Account {standalone} is not in an organization", listing.Error, StringComparison.Ordinal);
        Assert.Empty(listing.Members);
    }

    [Theory]
    [SqliteData(true)]
    [SqliteData(false)]
    [PostgresData(true)]
    public async Task ListMembers_ListAccountsDenied_ExplainsWhoMayList(DatabaseProvider provider, bool deniedByRule)
    {
        // Denied by the fake's fault rule (the role lacks the action), or because the account is a plain member.
        await StartAsync(provider);
        var account = NewAccountId();
        var organization = Organization(NewAccountId(), 2, structureVisible: deniedByRule);
        var faults = deniedByRule ? new ScenarioFaults { AccessDenied = [new AccessDeniedRule("organizations", "ListAccounts")] } : null;
        await using var aws = await StartAwsAsync(account, organization, faults);

        var listing = await Import.ListMembersAsync(await _app.AddSourceAsync(account, aws, "Member"), CancellationToken.None);

        Assert.False(listing.Succeeded);
        Assert.Contains("Access denied on organizations:ListAccounts", listing.Error, StringComparison.Ordinal);
        Assert.Contains("not the management account or a delegated administrator", listing.Error, StringComparison.Ordinal);
        Assert.Contains("lacks organizations:ListAccounts", listing.Error, StringComparison.Ordinal);
        Assert.Empty(listing.Members);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ListMembers_CredentialsReachAnotherAccount_IsRefused(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var reached = NewAccountId();
        await using var aws = await StartAwsAsync(reached, Organization(reached, 1));
        var configured = NewAccountId();

        var listing = await Import.ListMembersAsync(await _app.AddSourceAsync(configured, aws, "Misconfigured"), CancellationToken.None);

        Assert.Contains($"reached account {reached}, not {configured}", listing.Error, StringComparison.Ordinal);
        Assert.Empty(listing.Members);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Add_SelectedMembers_GetAssumeRoleWithTheRoleNameUniqueExternalIdsAndTheSharedScope(DatabaseProvider provider)
    {
        var (aws, _, listing) = await ListedAsync(provider, members: 3);
        await using var _ = aws;
        var form = new OrganizationImportForm
        {
            RoleName = "security/DashboardScanner", SourceProfile = "hub", Regions = "eu-west-1, us-east-1", CheckScope = "cis-aws-5.0.0",
            Schedule = "0 2 * * *", ScheduleTimeZone = "Europe/Oslo",
        };
        var selected = Addable(listing);

        var result = await Import.AddAsync(listing, selected, form, "operator@test.local", "user-1", CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Skipped);
        Assert.Equal(selected.Order(), result.Added.Select(a => a.AwsAccountId).Order());
        var stored = await _app.AccountsAsync(selected);
        Assert.Equal(3, stored.Count);
        foreach (var account in stored)
        {
            Assert.Equal(AccountAccessMethod.AssumeRole, account.AccessMethod);
            Assert.Equal($"arn:aws:iam::{account.AwsAccountId}:role/security/DashboardScanner", account.RoleArn);
            Assert.Matches("^pd-[0-9a-f]{32}$", account.ExternalId);
            Assert.Equal(listing.Members.Single(m => m.AwsAccountId == account.AwsAccountId).Name, account.Name);
            Assert.Equal(("hub", "eu-west-1,us-east-1", "cis-aws-5.0.0", "0 2 * * *", "Europe/Oslo"),
                (account.Profile, account.Regions, account.CheckScope, account.Schedule, account.ScheduleTimeZone));
            Assert.Equal(("eu-west-1", aws.Endpoint.ToString().TrimEnd('/')), (account.HomeRegion, account.EndpointUrl)); // the source's
            Assert.True(account.Enabled);
        }

        Assert.Equal(3, stored.Select(a => a.ExternalId).Distinct().Count());
        Assert.Equal(stored.Select(a => (a.Id, a.ExternalId)).Order(), result.Added.Select(a => (a.Id, (string?)a.ExternalId)).Order());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Add_AuditsEachAccountAndTheImport(DatabaseProvider provider)
    {
        var (aws, organization, listing) = await ListedAsync(provider, members: 2);
        await using var _ = aws;
        var selected = Addable(listing);

        var result = await Import.AddAsync(listing, selected, new OrganizationImportForm(), "operator@test.local", "user-1", CancellationToken.None);

        var audit = await _app.AuditForAsync([.. selected.Select(id => $"account:{id}"), $"organization:{organization.Id}"]);
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal(("operator@test.local", "user-1", true), (a.Actor, a.UserId, a.Succeeded)));
        foreach (var added in result.Added)
        {
            var entry = Assert.Single(audit, a => a.Target == $"account:{added.AwsAccountId}");
            Assert.Equal("account.added", entry.Action);
            Assert.Contains($"AWS Organizations {organization.Id}", entry.Details, StringComparison.Ordinal);
            Assert.Contains($"\"Id\":{added.Id},", entry.After, StringComparison.Ordinal);
            Assert.Contains(added.ExternalId, entry.After, StringComparison.Ordinal);
        }

        var summary = Assert.Single(audit, a => a.Action == "accounts.imported");
        Assert.Contains($"Added 2: {string.Join(", ", result.Added.Select(a => a.AwsAccountId))}", summary.Details, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Add_ExistingSuspendedAndUnknownAccounts_AreSkippedWithReasons(DatabaseProvider provider)
    {
        var (aws, organization, listing) = await ListedAsync(provider, members: 3);
        await using var _ = aws;
        var management = organization.MasterAccountId;
        var suspended = organization.Accounts.Single(a => a.Status == "SUSPENDED").Id;
        var addedMeanwhile = organization.Accounts[1].Id;
        var fresh = organization.Accounts.Skip(2).Where(a => a.Status == "ACTIVE").Select(a => a.Id).ToArray();
        var (errors, _) = await _app.Services.GetRequiredService<AccountCommands>().SaveAsync(
            new AccountForm { AwsAccountId = addedMeanwhile, Name = "Added by hand" }, "someone", null, CancellationToken.None);
        Assert.Empty(errors);
        string[] selected = [management, suspended, addedMeanwhile, "999999999999", .. fresh];

        var result = await Import.AddAsync(listing, selected, new OrganizationImportForm(), "operator@test.local", null, CancellationToken.None);

        Assert.Equal(fresh.Order(), result.Added.Select(a => a.AwsAccountId).Order());
        Assert.Equal(
            new Dictionary<string, string>
            {
                [management] = "already on the dashboard",
                [suspended] = "suspended",
                [addedMeanwhile] = "already on the dashboard",
                ["999999999999"] = $"not a member of organization {organization.Id}",
            },
            result.Skipped.ToDictionary(s => s.AwsAccountId, s => s.Reason));
        var byHand = Assert.Single(await _app.AccountsAsync([addedMeanwhile]));
        Assert.Equal(("Added by hand", AccountAccessMethod.DefaultChain), (byHand.Name, byHand.AccessMethod));
        Assert.Empty(await _app.AccountsAsync([suspended, "999999999999"]));
        var summary = Assert.Single(await _app.AuditForAsync([$"organization:{organization.Id}"]));
        Assert.Contains($"{suspended} (suspended)", summary.Details, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData("")]
    [SqliteData("arn:aws:iam::123456789012:role/DashboardScanner")]
    [SqliteData("Dashboard Scanner")]
    [SqliteData("security/")]
    [SqliteData("security//DashboardScanner")]
    [SqliteData("sec urity/DashboardScanner")]
    [SqliteData("Scanner*")]
    [SqliteData("Sc\u00e4nner")]
    [SqliteData("A1234567890123456789012345678901234567890123456789012345678901234")]
    [PostgresData("Dashboard Scanner")]
    public async Task Add_InvalidRoleName_IsRefusedAndAddsNothing(DatabaseProvider provider, string roleName)
    {
        var (aws, organization, listing) = await ListedAsync(provider, members: 2);
        await using var _ = aws;
        var selected = Addable(listing);

        var result = await Import.AddAsync(listing, selected, new OrganizationImportForm { RoleName = roleName }, "operator@test.local", null, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(result.Errors.GetValueOrDefault(nameof(OrganizationImportForm.RoleName))));
        Assert.Empty(result.Added);
        Assert.Empty(await _app.AccountsAsync(selected));
        Assert.Empty(await _app.AuditForAsync([$"organization:{organization.Id}"]));
    }

    [Theory]
    [InlineData("DashboardScanner", "role/DashboardScanner")]
    [InlineData("/security/DashboardScanner", "role/security/DashboardScanner")]
    [InlineData("org/security/scan+er=1,a.b@c_d-e", "role/org/security/scan+er=1,a.b@c_d-e")]
    public void RoleArn_ValidNameOrPath_IsAccepted(string roleName, string resource)
    {
        Assert.Null(OrganizationImport.RoleNameError(roleName));
        Assert.Equal($"arn:aws-us-gov:iam::123456789012:{resource}", OrganizationImport.RoleArn("aws-us-gov", "123456789012", roleName));
    }

    [Theory]
    [SqliteData(nameof(OrganizationImportForm.Regions), "eu-west-1,Frankfurt", "not a region name")]
    [SqliteData(nameof(OrganizationImportForm.CheckScope), "cis-aws-9.9.9", "Unknown framework or check")]
    [SqliteData(nameof(OrganizationImportForm.Schedule), "0 25 * * *", "hour")]
    [SqliteData(nameof(OrganizationImportForm.ScheduleTimeZone), "Mars/Olympus", "Unknown time zone")]
    public async Task Add_InvalidSharedSettings_NamesTheField(DatabaseProvider provider, string field, string value, string message)
    {
        var (aws, _, listing) = await ListedAsync(provider, members: 1);
        await using var _ = aws;
        var form = new OrganizationImportForm { Schedule = "0 2 * * *" };
        typeof(OrganizationImportForm).GetProperty(field)!.SetValue(form, value);

        var result = await Import.AddAsync(listing, Addable(listing), form, "operator@test.local", null, CancellationToken.None);

        Assert.Contains(message, result.Errors[field], StringComparison.Ordinal);
        Assert.Empty(result.Added);
        Assert.Empty(await _app.AccountsAsync(Addable(listing)));
    }

    [Theory]
    [SqliteData]
    public async Task Add_NothingSelectedOrNoListing_IsRefused(DatabaseProvider provider)
    {
        var (aws, _, listing) = await ListedAsync(provider, members: 1);
        await using var _ = aws;

        var none = await Import.AddAsync(listing, [], new OrganizationImportForm(), "operator@test.local", null, CancellationToken.None);
        var failed = await Import.AddAsync(listing with { Error = "denied", Members = [] }, Addable(listing), new OrganizationImportForm(), "operator@test.local", null, CancellationToken.None);

        Assert.Equal("Select at least one account to add.", none.Errors[""]);
        Assert.Equal("Load the organization's accounts first.", failed.Errors[""]);
        Assert.Empty(await _app.AccountsAsync(Addable(listing)));
    }

    [Theory]
    [SqliteData]
    public async Task Add_SourceInAnotherPartition_BuildsRoleArnsInThatPartition(DatabaseProvider provider)
    {
        var (aws, _, listing) = await ListedAsync(provider, members: 1, partition: "aws-us-gov");
        await using var _ = aws;

        var result = await Import.AddAsync(listing, Addable(listing), new OrganizationImportForm { RoleName = "DashboardScanner" }, "operator@test.local", null, CancellationToken.None);

        var added = Assert.Single(result.Added);
        Assert.Equal($"arn:aws-us-gov:iam::{added.AwsAccountId}:role/DashboardScanner", added.RoleArn);
    }

    public sealed class Apps : PerProvider<DashboardAppFactory>
    {
        protected override Task<DashboardAppFactory> CreateAsync(DatabaseProvider provider)
        {
            var app = App(provider);
            _ = app.Services; // start it (migrations) once, outside the tests' timing
            return Task.FromResult(app);
        }

        protected override void Dispose(DashboardAppFactory app) => app.Dispose();
    }
}
