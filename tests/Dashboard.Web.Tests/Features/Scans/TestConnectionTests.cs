extern alias fakeaws;

using Amazon.Runtime;
using Bunit;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using fakeaws::FakeAws;
using MudBlazor;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// "Test connection" on /accounts against the fake AWS: the identity reached, a clear error for refused credentials
/// and for a role that cannot be assumed, and the read permissions the fake denies, named by action.
/// </summary>
[Collection(ScanTestsCollection.Name)]
public sealed class TestConnectionTests
{
    private static readonly string AccountId = FakeAwsScanHarness.AccountId;

    private sealed class Session(FakeAwsScanHarness harness, PageTestContext context, IRenderedComponent<AccountsPage> page) : IAsyncDisposable
    {
        public FakeAwsScanHarness Harness { get; } = harness;
        public IRenderedComponent<AccountsPage> Page { get; } = page;

        public async ValueTask DisposeAsync()
        {
            await context.DisposeAsync();
            await Harness.DisposeAsync();
        }
    }

    private static async Task<Session> OpenAsync(Func<ScenarioFaults, ScenarioFaults>? faults = null, AWSCredentials? credentials = null)
    {
        var harness = await FakeAwsScanHarness.StartAsync(runJobs: false, faults: faults, credentials: credentials);
        var context = new PageTestContext(harness.App);
        context.SignInAsOperator();
        var page = context.Render<AccountsPage>("/accounts");
        await PageTestContext.TypeAsync(page, "account-id", AccountId);
        await PageTestContext.TypeAsync(page, "account-name", "Fake dev");
        await PageTestContext.TypeAsync(page, "home-region", "us-east-1");
        await PageTestContext.TypeAsync(page, "endpoint-url", harness.Endpoint);
        return new Session(harness, context, page);
    }

    private static async Task<(Severity Severity, string Text)> TestAsync(IRenderedComponent<AccountsPage> page)
    {
        await page.Find("[data-testid=account-test]").ClickAsync(new());
        var alert = page.WaitForElement("[data-testid=test-result]", TimeSpan.FromSeconds(30));
        return (page.FindComponent<MudAlert>().Instance.Severity, alert.TextContent);
    }

    [Fact]
    public async Task GoodCredentials_ShowTheIdentityReached()
    {
        await using var s = await OpenAsync();

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Success, severity);
        Assert.Contains($"Reached arn:aws:iam::{AccountId}:user/fake-scanner (account {AccountId}).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Missing permissions", text, StringComparison.Ordinal);
        Assert.True(s.Harness.Server.Calls.Total >= 3, "identity and both probes went to the fake");
    }

    [Fact]
    public async Task DeniedReadCalls_AreListedAsMissingPermissions_ByActionName()
    {
        await using var s = await OpenAsync(faults: f => f with
        {
            AccessDenied = [new AccessDeniedRule("iam", "GetAccountSummary"), new AccessDeniedRule("ec2", "DescribeRegions")],
        });

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Warning, severity);
        Assert.Contains($"Reached arn:aws:iam::{AccountId}:user/fake-scanner", text, StringComparison.Ordinal);
        Assert.Equal("Missing permissions: ec2:DescribeRegions, iam:GetAccountSummary.", s.Page.Find("[data-testid=test-missing]").TextContent.Trim());
    }

    [Fact]
    public async Task ThrottledProbe_StillShowsTheIdentity_AndSaysWhatCouldNotBeChecked()
    {
        await using var s = await OpenAsync(faults: f => f with { ThrottleFraction = 1, ThrottleServices = ["ec2"] });

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Warning, severity);
        Assert.Contains($"Reached arn:aws:iam::{AccountId}:user/fake-scanner", text, StringComparison.Ordinal);
        Assert.Equal("Could not check ec2:DescribeRegions (RequestLimitExceeded).", s.Page.Find("[data-testid=test-error]").TextContent.Trim());
        Assert.Empty(s.Page.FindAll("[data-testid=test-missing]"));
    }

    [Fact]
    public async Task CredentialsOfAnotherAccount_AreReported()
    {
        await using var s = await OpenAsync();
        await PageTestContext.TypeAsync(s.Page, "account-id", "123456789012");

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Warning, severity);
        Assert.Contains($"The credentials reached account {AccountId}, not 123456789012.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_IsAClearError()
    {
        await using var s = await OpenAsync(credentials: new BasicAWSCredentials(ScenarioGenerator.DemoAccessKeyId(AccountId), "not-the-secret"));

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Error, severity);
        Assert.Empty(s.Page.FindAll("[data-testid=test-identity]"));
        Assert.Contains("AWS refused the credentials: sts:GetCallerIdentity answered SignatureDoesNotMatch", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccessKey_IsAClearError()
    {
        await using var s = await OpenAsync(credentials: new BasicAWSCredentials("AKIAFAKE000000000000", "whatever"));

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Error, severity);
        Assert.Contains("AWS refused the credentials: sts:GetCallerIdentity answered InvalidClientTokenId", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleThatDoesNotExist_NamesTheIdentityTheTrustPolicyMustAllow()
    {
        await using var s = await OpenAsync();
        await PageTestContext.SelectAsync(s.Page, "Access method", AccountAccessMethod.AssumeRole);
        var role = $"arn:aws:iam::{AccountId}:role/NoSuchRole";
        await PageTestContext.TypeAsync(s.Page, "role-arn", role);
        var externalId = PageTestContext.Field(s.Page, "external-id").GetAttribute("value");

        var (severity, text) = await TestAsync(s.Page);

        Assert.Equal(Severity.Error, severity);
        Assert.Contains($"arn:aws:iam::{AccountId}:user/fake-scanner could not assume the role", text, StringComparison.Ordinal);
        Assert.Contains($"sts:AssumeRole on {role} failed (AccessDenied)", text, StringComparison.Ordinal);
        Assert.Contains($"The role's trust policy must allow arn:aws:iam::{AccountId}:user/fake-scanner with the external id {externalId}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleThatRequiresAnotherExternalId_CannotBeAssumed()
    {
        await using var s = await OpenAsync();
        await PageTestContext.SelectAsync(s.Page, "Access method", AccountAccessMethod.AssumeRole);
        await PageTestContext.TypeAsync(s.Page, "role-arn", ScenarioGenerator.ScannerRoleArn(AccountId));

        var (severity, text) = await TestAsync(s.Page);

        // The fake's PostureScanner role requires the demo's external id; the page generated a new one.
        Assert.Equal(Severity.Error, severity);
        Assert.Contains($"sts:AssumeRole on {ScenarioGenerator.ScannerRoleArn(AccountId)} failed (AccessDenied)", text, StringComparison.Ordinal);
    }
}
