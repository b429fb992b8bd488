using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd;

/// <summary>
/// Sign-in as real people do it, in Chromium: a Viewer turns on TOTP and signs in with a code; a Viewer cannot
/// triage; an Analyst can triage but cannot start a scan; an Operator can. Users are created with the app's CLI.
/// </summary>
public sealed partial class SecurityJourneyTests : IClassFixture<SecurityJourneyTests.SharedApp>
{
    private const string Password = "a long enough passphrase for tests";
    private const float TimeoutMs = 60_000;

    private readonly SharedApp _shared;
    private readonly string _screenshots = Path.Combine(WebAppProcess.RepositoryRoot, "artifacts", "screenshots");

    public SecurityJourneyTests(SharedApp shared)
    {
        _shared = shared;
        Directory.CreateDirectory(_screenshots);
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _shared.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _shared.App.BaseAddress.ToString() });
        return await context.NewPageAsync();
    }

    /// <summary>One app (with an admin from the environment and users from the CLI) and one browser for the class.</summary>
    public sealed class SharedApp : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public WebAppProcess App { get; private set; } = null!;

        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await WebAppProcess.StartAsync(TimeSpan.FromSeconds(90), new Dictionary<string, string>
            {
                ["DASHBOARD_ADMIN_EMAIL"] = "admin@e2e.test",
                ["DASHBOARD_ADMIN_PASSWORD"] = Password,
            });
            foreach (var (email, role) in new[] { ("viewer@e2e.test", "Viewer"), ("analyst@e2e.test", "Analyst"), ("operator@e2e.test", "Operator") })
            {
                var (exitCode, output) = await App.RunCliAsync(Password, "users", "add", "--email", email, "--role", role);
                Assert.True(exitCode == 0, $"users add {email} failed ({exitCode}): {output}");
            }

            _playwright = await Playwright.CreateAsync();
            Browser = await Chromium.LaunchAsync(_playwright);
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright?.Dispose();
            App?.Dispose();
        }
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    private static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Expect(page.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = TimeoutMs });

    private static async Task OpenFirstFindingAsync(IPage page)
    {
        await page.GotoAsync("/findings");
        var rows = page.Locator("[data-testid=findings-table] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await WaitUntilInteractiveAsync(page);
        await rows.First.ClickAsync();
        await Expect(page.GetByTestId("triage-panel")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await WaitUntilInteractiveAsync(page);
    }

    [Fact]
    public async Task Viewer_TurnsOnTotp_SignsInWithCode_AndCannotTriage()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "viewer@e2e.test");
        await Expect(page.GetByTestId("overview-pass-rate")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });

        await page.GotoAsync("/account/manage/mfa");
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Trim();
        await page.Locator("#code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("mfa-enable").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });

        // A new browser: password alone is not enough any more.
        var second = await NewPageAsync();
        await SignInAsync(second, "viewer@e2e.test");
        await Expect(second).ToHaveURLAsync(TwoFactorUrl(), new() { Timeout = TimeoutMs });
        await second.Locator("#code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await second.GetByTestId("totp-submit").ClickAsync();
        await Expect(second.GetByTestId("overview-pass-rate")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await second.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "signed-in-with-totp.png") });

        await OpenFirstFindingAsync(second);
        await Expect(second.GetByTestId("triage-save")).ToHaveCountAsync(0);
        await Expect(second.GetByText("Analysts change the triage state, assignee and due date.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Analyst_CanTriage_ButCannotStartAScan()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "analyst@e2e.test");
        await Expect(page.GetByTestId("overview-pass-rate")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await Expect(page.GetByTestId("overview-accounts")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("scan-now")).ToHaveCountAsync(0);

        await OpenFirstFindingAsync(page);
        await page.GetByTestId("triage-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Acknowledged" }).ClickAsync();
        await page.GetByTestId("triage-save").ClickAsync();
        await Expect(page.GetByTestId("triage-state")).ToHaveTextAsync("Acknowledged", new() { Timeout = TimeoutMs });
    }

    [Fact]
    public async Task Operator_SeesScanNow()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "operator@e2e.test");
        await Expect(page.GetByTestId("overview-accounts")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("scan-now").First).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
    }

    [GeneratedRegex("/account/login-2fa")]
    private static partial Regex TwoFactorUrl();
}
