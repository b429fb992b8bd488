using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd;

/// <summary>
/// End-to-end smoke test: the real app (built Dashboard.Web.dll, SQLite in a temp folder, demo data) in Debian's
/// headless Chromium. Screenshots go to artifacts/screenshots under the repository root.
/// </summary>
public sealed partial class SmokeTests : IAsyncLifetime
{
    private const float UiTimeoutMs = 60_000;

    private const string FindingsTotalAboveZeroScript = """
        () => {
            const el = document.querySelector('[data-testid=findings-total]');
            const match = el && (el.textContent || '').replace(/[,\s]/g, '').match(/\d+/);
            return !!match && Number(match[0]) > 0;
        }
        """;

    private readonly ITestOutputHelper _testOutput;
    private readonly ConcurrentQueue<string> _browserLog = new();
    private readonly string _screenshots = Path.Combine(WebAppProcess.RepositoryRoot, "artifacts", "screenshots");
    private WebAppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SmokeTests(ITestOutputHelper testOutput) => _testOutput = testOutput;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        File.Delete(Path.Combine(_screenshots, "failure.png"));
        _app = await WebAppProcess.StartAsync(TimeSpan.FromSeconds(90));
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
            _testOutput.WriteLine("--- Dashboard.Web output ---");
            _testOutput.WriteLine(_app.Output);
            _app.Dispose();
        }
    }

    [Fact]
    public async Task Overview_findings_and_finding_detail_show_the_demo_data()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app!.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _browserLog.Enqueue($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => _browserLog.Enqueue($"page error: {error}");

        try
        {
            // Overview. It refreshes itself while the demo's first scan runs, so its pass rate turning into a
            // percentage is the sign that the demo findings are recorded.
            // Nothing is reachable without signing in: the app sends the browser to the sign-in page, where the
            // demo (on, and on loopback) offers its password-less demo sign-in.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(LoginUrlPattern(), new() { Timeout = UiTimeoutMs });
            await page.GetByTestId("demo-sign-in").ClickAsync();
            await Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
            var passRate = page.GetByTestId("overview-pass-rate");
            await Expect(passRate).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
            await Expect(passRate).ToHaveTextAsync(PercentPattern(), new() { Timeout = UiTimeoutMs });
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "overview.png"), FullPage = true });

            // Findings explorer.
            await page.GotoAsync("/findings");
            var rows = page.Locator("[data-testid=findings-table] tbody tr");
            await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
            await page.WaitForFunctionAsync(FindingsTotalAboveZeroScript, null, new() { Timeout = UiTimeoutMs });
            // The layout marks the page once the circuit is live; a click on the prerendered page before that is lost.
            await Expect(page.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = UiTimeoutMs });
            await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "findings.png"), FullPage = true });

            // Searching narrows the table and is kept in the URL so the view can be shared.
            await page.GetByTestId("findings-search").FillAsync("root");
            await Expect(page).ToHaveURLAsync(SearchUrlPattern(), new() { Timeout = UiTimeoutMs });
            await Expect(rows.First).ToContainTextAsync("root", new() { Timeout = UiTimeoutMs, IgnoreCase = true });
            await page.WaitForFunctionAsync(FindingsTotalAboveZeroScript, null, new() { Timeout = UiTimeoutMs });

            // A row opens the finding's detail view.
            await rows.First.ClickAsync();
            await Expect(page).ToHaveURLAsync(DetailUrlPattern(), new() { Timeout = UiTimeoutMs });
            await Expect(page.GetByText("Remediation", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = UiTimeoutMs });
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "finding-detail.png"), FullPage = true });

            // The strict Content-Security-Policy must not block anything the pages need.
            var violations = _browserLog.Where(line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
        }
        catch (Exception e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, "failure.png"), FullPage = true });
            throw new InvalidOperationException(
                $"{e.Message}\nPage: {page.Url}\n--- browser log ---\n{string.Join('\n', _browserLog)}\n--- Dashboard.Web output ---\n{_app.Output}", e);
        }
    }

    [GeneratedRegex(@"\d+\s*%")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"/account/login\?returnUrl=%2F$")]
    private static partial Regex LoginUrlPattern();

    [GeneratedRegex(@"/findings\?q=root$")]
    private static partial Regex SearchUrlPattern();

    [GeneratedRegex(@"/findings/\d+$")]
    private static partial Regex DetailUrlPattern();
}
