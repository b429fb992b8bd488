using System.Diagnostics;
using System.Globalization;
using Dashboard.Tests.Shared;
using Dashboard.Web.Data;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

/// <summary>
/// The pages at scale as a person sees them: the built dashboard (a child process with Production settings, demo off)
/// over a database seeded as for <see cref="QueryBenchmark"/>, driven by Debian's headless Chromium through
/// Playwright. Signs in once, then times full navigations to the Overview, the Findings explorer and a filtered
/// explorer view: until the page's data shows (the prerendered HTML), and until the page is interactive with its data
/// rendered by the live circuit. Prints median and p95 per page after one warm-up, then one Markdown table for
/// bench/README.md. Nothing is asserted. Never downloads a browser.
/// </summary>
public static class UiBenchmark
{
    public const string Usage =
        "ui [--findings 1000000] [--accounts 50] [--days 365] [--iterations 5] [--provider sqlite|postgres|both] [--postgres CONNSTR] [--sqlite-folder DIR] [--postgres-database NAME]";

    public const string ChromiumPath = "/usr/bin/chromium";

    private const string AdminEmail = "bench@example.com";

    /// <summary>Fixed, so that a kept database (--sqlite-folder) signs in with the admin an earlier run created.</summary>
    private const string AdminPassword = "a local benchmark passphrase";

    private const float TimeoutMs = 300_000;

    /// <summary>The live circuit marks the layout (MainLayout.razor); a prerendered page has it false.</summary>
    private const string Interactive = "document.querySelector('[data-testid=circuit][data-interactive=true]') !== null";

    /// <summary>Headline numbers shown and no chart still loading (the trends each load on their own).</summary>
    private const string OverviewShown =
        "document.querySelector('[data-testid=overview-pass-rate]') !== null && document.querySelector('.mud-progress-indeterminate') === null";

    /// <summary>A row of the table and the table no longer loading.</summary>
    private const string RowsShown =
        "document.querySelector('[data-testid=finding-row]') !== null && document.querySelector('[data-testid=findings-table] .mud-progress-indeterminate') === null";

    /// <summary>A page and when its data counts as rendered (a JavaScript condition).</summary>
    private sealed record UiPage(string Name, string Url, string Shown);

    private static readonly UiPage[] Pages =
    [
        new("Overview `/`", "/", OverviewShown),
        new("Findings `/findings`", "/findings", RowsShown),
        new("Findings `/findings?severity=High&region=eu-west-1&sort=lastseen`", "/findings?severity=High&region=eu-west-1&sort=lastseen", RowsShown),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"ui needs Debian's chromium at {ChromiumPath} (apt-get install chromium); no browser is ever downloaded.");
            return 2;
        }

        var size = BenchSize.FromArgs(args);
        var iterations = Math.Max(1, BenchArgs.Number(args, "--iterations", 5));
        var which = BenchArgs.Text(args, "--provider") ?? "both";
        var server = BenchArgs.Text(args, "--postgres") ?? Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        var results = new List<Measurement>();

        Console.WriteLine($"ui benchmark: {size.Findings:N0} findings, {size.Accounts} accounts × {size.Days} days; {iterations} navigations per page after 1 warm-up");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {BenchStats.LoadAverage()}, {Environment.OSVersion}, .NET {Environment.Version}");
        if (which is "sqlite" or "both")
        {
            await using var database = await BenchDatabase.CreateSqliteAsync(BenchArgs.Text(args, "--sqlite-folder"));
            results.AddRange(await RunProviderAsync(database, size, iterations));
        }

        if (which is "postgres" or "both")
        {
            if (string.IsNullOrWhiteSpace(server))
            {
                Console.WriteLine("PostgreSQL skipped: set DASHBOARD_TEST_POSTGRES (`. scripts/start-postgres.sh`) or pass --postgres CONNSTR.");
            }
            else
            {
                await using var database = await BenchDatabase.CreatePostgresAsync(server, BenchArgs.Text(args, "--postgres-database"));
                results.AddRange(await RunProviderAsync(database, size, iterations));
            }
        }

        Console.WriteLine($"load average at the end: {BenchStats.LoadAverage()}");
        PrintTable(results);
        return 0;
    }

    private static async Task<List<Measurement>> RunProviderAsync(BenchDatabase database, BenchSize size, int iterations)
    {
        Console.WriteLine();
        Console.WriteLine($"== {database.Provider}: seeding");
        Console.WriteLine(await database.IsSeededAsync() ? $"reusing the database in {database.DataDirectory}" : await BenchData.SeedAsync(database, size));
        Console.WriteLine(await QueryBenchmark.PrepareAsync(database));

        // SQLite keeps everything in its data folder; PostgreSQL nodes still want one for local state.
        var dataDirectory = database.DataDirectory ?? Directory.CreateTempSubdirectory("dashboard-bench-ui-").FullName;
        try
        {
            using var app = await StartAppAsync(database, dataDirectory);
            try
            {
                return await MeasureAsync(app, database.Provider, iterations);
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException($"{e.Message}\n--- {app.Name} output ---\n{app.Output}", e);
            }
        }
        finally
        {
            if (database.DataDirectory is null)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>The built Dashboard.Web.dll on a free loopback port, with the first admin from the environment.</summary>
    private static async Task<DashboardNode> StartAppAsync(BenchDatabase database, string dataDirectory)
    {
        var watch = Stopwatch.StartNew();
        var app = DashboardNode.StartDashboard("Dashboard.Web", new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = database.Provider.ToString(),
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Data__Directory"] = dataDirectory,
            ["Demo__Enabled"] = "false",
            ["DASHBOARD_ADMIN_EMAIL"] = AdminEmail,
            ["DASHBOARD_ADMIN_PASSWORD"] = AdminPassword,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromMinutes(10));
        }
        catch
        {
            app.Dispose();
            throw;
        }

        Console.WriteLine($"Dashboard.Web (Release, Production, jobs on) healthy on {app.BaseAddress} after {watch.Elapsed.TotalSeconds:0.0} s");
        return app;
    }

    private static async Task<List<Measurement>> MeasureAsync(DashboardNode app, DatabaseProvider provider, int iterations)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);

        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(AdminEmail);
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("user-menu").WaitForAsync();

        foreach (var target in Pages)
        {
            await NavigateAsync(page, target);
        }

        var shown = Pages.ToDictionary(p => p, _ => new List<double>());
        var interactive = Pages.ToDictionary(p => p, _ => new List<double>());
        for (var i = 0; i < iterations; i++)
        {
            foreach (var target in Pages)
            {
                var (dataShown, dataInteractive) = await NavigateAsync(page, target);
                shown[target].Add(dataShown);
                interactive[target].Add(dataInteractive);
            }
        }

        var measurements = Pages.Select(p => new Measurement(provider, p.Name, [.. shown[p].Order()], [.. interactive[p].Order()])).ToList();
        measurements.ForEach(Console.WriteLine);
        return measurements;
    }

    /// <summary>
    /// A full navigation (a new document and circuit, as a link from elsewhere or a reload gives): milliseconds until
    /// the page's data shows, and until the page is interactive with its data rendered by the circuit. The live
    /// circuit renders the page afresh, so its loading state replaces the prerendered data before the data returns.
    /// </summary>
    private static async Task<(double Shown, double Interactive)> NavigateAsync(IPage page, UiPage target)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(target.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync($"() => {target.Shown}");
        var shown = watch.Elapsed.TotalMilliseconds;
        await page.WaitForFunctionAsync($"() => {Interactive} && {target.Shown}");
        return (shown, watch.Elapsed.TotalMilliseconds);
    }

    private sealed record Measurement(DatabaseProvider Provider, string Page, List<double> Shown, List<double> Interactive)
    {
        public override string ToString() =>
            $"{Provider,-8} {Page,-80} n={Shown.Count}  data shown: median {BenchStats.Ms(BenchStats.Median(Shown)),8} p95 {BenchStats.Ms(BenchStats.P95(Shown)),8}"
            + $"  interactive: median {BenchStats.Ms(BenchStats.Median(Interactive)),8} p95 {BenchStats.Ms(BenchStats.P95(Interactive)),8}";
    }

    private static void PrintTable(List<Measurement> results)
    {
        Console.WriteLine();
        Console.WriteLine("| page | database | data shown, median | data shown, p95 | interactive with data, median | interactive with data, p95 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var m in results)
        {
            Console.WriteLine($"| {m.Page} | {(m.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL")} | {BenchStats.Ms(BenchStats.Median(m.Shown))} | "
                + $"{BenchStats.Ms(BenchStats.P95(m.Shown))} | **{BenchStats.Ms(BenchStats.Median(m.Interactive))}** | {BenchStats.Ms(BenchStats.P95(m.Interactive))} |");
        }
    }
}
