using System.Text.RegularExpressions;
using FakeAws;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd;

/// <summary>
/// An operator onboards an account and scans it, in Chromium, as a real user would: the fake AWS serves a new account
/// on 127.0.0.1, the app (a child process) reaches it through a named profile in an AWS config file (keys in the
/// credentials file, <c>endpoint_url</c> in the profile), Test connection shows the identity, Scans shows progress and
/// the completed run, and Findings shows the new account's findings.
/// </summary>
public sealed partial class ScanJourneyTests : IAsyncLifetime
{
    private const string Password = "a long enough passphrase for tests";
    private const string Operator = "operator@scan.e2e";
    private const string Profile = "fake-audit";
    private const string AccountName = "E2E Fake";
    private const float UiTimeoutMs = 60_000;
    private const float ScanTimeoutMs = 180_000;
    private static readonly string AccountId = new LargeAccountSpec().AccountId;

    private readonly ITestOutputHelper _output;
    private readonly string _screenshots = Path.Combine(WebAppProcess.RepositoryRoot, "artifacts", "screenshots");
    private readonly DirectoryInfo _awsHome = Directory.CreateTempSubdirectory("dashboard-e2e-aws-");
    private FakeAwsServer? _fake;
    private WebAppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ScanJourneyTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);

        // A small new account (not one of the demo's), with latency; the fake holds the scan mid-way until the page shows it running.
        var spec = new LargeAccountSpec
        {
            Regions = ["us-east-1", "eu-west-1"], Users = 6, Roles = 12, Policies = 4, Buckets = 6, SecurityGroupsPerRegion = 4,
            InstancesPerRegion = 3, MetricFilters = 2, KeysPerRegion = 2,
        };
        var scenario = ScenarioGenerator.Large(spec, DateTimeOffset.UtcNow);
        _fake = await FakeAwsServer.StartAsync(scenario with { Faults = scenario.Faults with { LatencyMs = 300 } });
        var account = scenario.Accounts.Single();

        // What a user writes into ~/.aws: the keys in credentials, the region and the endpoint in config.
        var config = Path.Combine(_awsHome.FullName, "config");
        var credentials = Path.Combine(_awsHome.FullName, "credentials");
        await File.WriteAllTextAsync(config, $"""
            [profile {Profile}]
            region = us-east-1
            endpoint_url = {_fake.Endpoint.ToString().TrimEnd('/')}

            """);
        await File.WriteAllTextAsync(credentials, $"""
            [{Profile}]
            aws_access_key_id = {account.AccessKeyId}
            aws_secret_access_key = {account.SecretAccessKey}

            """);

        _app = await WebAppProcess.StartAsync(TimeSpan.FromSeconds(90), new Dictionary<string, string>
        {
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        });
        var (exitCode, cliOutput) = await _app.RunCliAsync(Password, "users", "add", "--email", Operator, "--role", "Operator");
        Assert.True(exitCode == 0, $"users add failed ({exitCode}): {cliOutput}");

        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            _output.WriteLine("--- Dashboard.Web output ---");
            _output.WriteLine(_app.Output);
            _app.Dispose();
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }

        _awsHome.Delete(recursive: true);
    }

    [Fact]
    public async Task Operator_AddsAnAccountThroughAProfile_TestsIt_ScansIt_WatchesProgress_AndSeesItsFindings()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app!.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(page);

            // Accounts: the new account through the named profile; Test connection reaches the fake.
            await page.GotoAsync("/accounts");
            await WaitUntilInteractiveAsync(page);
            await FillAsync(page, "account-id", AccountId);
            await FillAsync(page, "account-name", AccountName);
            await page.GetByTestId("access-method").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Named profile" }).ClickAsync();
            await FillAsync(page, "account-profile", Profile);
            await FillAsync(page, "regions", "us-east-1,eu-west-1");
            await page.GetByTestId("account-test").ClickAsync();
            await Expect(page.GetByTestId("test-identity")).ToHaveTextAsync(
                $"Reached arn:aws:iam::{AccountId}:user/fake-scanner (account {AccountId}).", new() { Timeout = UiTimeoutMs });
            await Expect(page.GetByTestId("test-missing")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "accounts-test-connection.png") });
            await page.GetByTestId("account-save").ClickAsync();
            var accountRow = page.Locator($"tr[data-testid=account-row][data-account='{AccountId}']");
            await Expect(accountRow).ToContainTextAsync($"profile {Profile}", new() { Timeout = UiTimeoutMs });

            // Scans: select the account, scan it, watch the progress, then the completed run.
            await page.GotoAsync("/scans");
            await WaitUntilInteractiveAsync(page);
            await page.GetByTestId("scan-accounts").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = $"{AccountName} ({AccountId})" }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            _fake!.State.Gate.HoldAfter(15);
            await page.GetByTestId("scan-selected").ClickAsync();
            var run = page.Locator($"tr[data-testid=scan-run][data-account='{AccountId}']");
            await Expect(run.GetByTestId("scan-progress")).ToHaveTextAsync(RunningProgress(), new() { Timeout = ScanTimeoutMs });
            _output.WriteLine($"progress seen while running: {await run.GetByTestId("scan-progress").InnerTextAsync()}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "scans-progress.png") });
            _fake!.State.Gate.Release();
            await Expect(run).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = ScanTimeoutMs });
            await Expect(run.GetByTestId("scan-diff")).ToHaveTextAsync(NewFindings());
            await Expect(run.GetByTestId("scan-coverage")).ToContainTextAsync("evaluated");
            _output.WriteLine($"completed run: {await run.InnerTextAsync()}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "scans-completed.png") });

            // Findings: the run's link opens the explorer filtered to the new account.
            await run.GetByTestId("scan-findings").ClickAsync();
            await Expect(page).ToHaveURLAsync(FindingsOfAnAccount(), new() { Timeout = UiTimeoutMs });
            var rows = page.Locator("[data-testid=finding-row]");
            await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
            Assert.All(await rows.Locator("td:nth-child(6)").AllInnerTextsAsync(), account => Assert.Equal(AccountName, account.Trim()));
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "findings-of-scanned-account.png") });
            Assert.True(_fake!.Calls.Total > 0, "the scan went to the fake AWS");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "scan-journey-failure.png"), FullPage = true });
            throw;
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(Operator);
        await page.Locator("#password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("overview-accounts")).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
    }

    private static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Expect(page.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = UiTimeoutMs });

    /// <summary>Types into a MudTextField (the test id is on the input or its wrapper) and leaves it, which commits the value.</summary>
    private static async Task FillAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    [GeneratedRegex(@"\d+/\d+ units · [1-9]\d* calls · \d+ errors")]
    private static partial Regex RunningProgress();

    [GeneratedRegex(@"^\+[1-9]\d* new · 0 resolved · 0 regressed$")]
    private static partial Regex NewFindings();

    [GeneratedRegex(@"/findings\?account=\d+$")]
    private static partial Regex FindingsOfAnAccount();
}
