using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Compliance;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Features.Trends;

namespace Dashboard.Benchmarks;

/// <summary>
/// The read side at scale, on SQLite and PostgreSQL: explorer pages, the Overview and Compliance pages' queries and
/// the trends, each timed through the app's own query classes over a generated organisation (<see cref="BenchData"/>).
/// Prints median and p95 per query after warm-up, then one Markdown table for bench/README.md. Nothing is asserted.
/// </summary>
public static class QueryBenchmark
{
    public const string Usage =
        "query [--findings 1000000] [--accounts 50] [--days 365] [--iterations 30] [--provider sqlite|postgres|both] [--postgres CONNSTR] [--only TEXT] [--sqlite-folder DIR] [--postgres-database NAME]";

    /// <summary>The targets of issue 9: explorer pages and trends, p95.</summary>
    private const double ExplorerTarget = 150, TrendTarget = 100;

    /// <summary>A query stops after this much measuring even before its iterations are done (at least 10 runs).</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var size = BenchSize.FromArgs(args);
        var iterations = Math.Max(10, BenchArgs.Number(args, "--iterations", 30));
        var which = BenchArgs.Text(args, "--provider") ?? "both";
        var only = BenchArgs.Text(args, "--only");
        var server = BenchArgs.Text(args, "--postgres") ?? Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        var results = new List<(DatabaseProvider Provider, Measurement Measurement)>();

        Console.WriteLine($"query benchmark: {size.Findings:N0} findings, {size.Accounts} accounts × {size.Days} days; {iterations} runs per query after 2 warm-ups");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        if (which is "sqlite" or "both")
        {
            await using var database = await BenchDatabase.CreateSqliteAsync(BenchArgs.Text(args, "--sqlite-folder"));
            results.AddRange(await RunProviderAsync(database, size, iterations, only));
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
                results.AddRange(await RunProviderAsync(database, size, iterations, only));
            }
        }

        PrintTable(results);
        return 0;
    }

    private static async Task<List<(DatabaseProvider, Measurement)>> RunProviderAsync(BenchDatabase database, BenchSize size, int iterations, string? only)
    {
        Console.WriteLine();
        Console.WriteLine($"== {database.Provider}: seeding");
        Console.WriteLine(await database.IsSeededAsync() ? $"reusing the database in {database.DataDirectory}" : await BenchData.SeedAsync(database, size));
        Console.WriteLine(await PrepareAsync(database));

        var measurements = new List<(DatabaseProvider, Measurement)>();
        foreach (var query in Queries(database, size).Where(q => only is null || $"{q.Group}: {q.Name}".Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var measurement = await MeasureAsync(query, iterations);
            Console.WriteLine(measurement);
            measurements.Add((database.Provider, measurement));
        }

        return measurements;
    }

    /// <summary>What the database would have done by itself before the pages are read, as in production.</summary>
    internal static async Task<string> PrepareAsync(BenchDatabase database)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await database.Factory.CreateDbContextAsync();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Autovacuum analyses and vacuums a freshly loaded table within a minute; do it now rather than wait for it.
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "VACUUM ANALYZE");
            return $"VACUUM ANALYZE (what autovacuum does after a load) in {watch.Elapsed.TotalSeconds:0.0} s";
        }

        // The app does this at start-up and hourly (Data/SqliteStatistics.cs).
        await new SqliteStatistics(database.Factory, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteStatistics>.Instance).RefreshIfStaleAsync(default);
        return $"SQLite statistics refreshed as the app does hourly (ANALYZE) in {watch.Elapsed.TotalSeconds:0.0} s";
    }

    private sealed record Query(string Group, string Name, double? Target, Func<Task> Run);

    private static List<Query> Queries(BenchDatabase database, BenchSize size)
    {
        var factory = database.Factory;
        var clock = new FixedClock(BenchData.End);
        var frameworks = FrameworkCatalog.Default;
        var findings = new FindingsQuery(factory, frameworks);
        var trends = new TrendsQuery(factory, clock);
        var overview = new OverviewQuery(factory);
        var compliance = new ComplianceQuery(factory);
        var check = CheckCatalog.Default.All[0].Metadata.Id;
        var framework = frameworks.All.FirstOrDefault(f => f.Id.StartsWith("cis-aws-5", StringComparison.Ordinal))?.Id ?? frameworks.All[0].Id;
        var section = frameworks.Find(framework)!.Sections[0].Id;
        var (yearFrom, today) = TrendChartData.LastDays(clock, 365);
        var (quarterFrom, _) = TrendChartData.LastDays(clock, 90);
        var account = Math.Min(7, size.Accounts);

        Task Page(params (string Key, string Value)[] query) =>
            findings.GetPageAsync(FindingsUrl.Parse(query.ToDictionary(q => q.Key, q => (string?)q.Value)), default);

        // The Overview page: headline numbers, its two severity charts (each reads the 90-day trend), the compliance
        // chart, aging and SLA breaches.
        async Task OverviewPage()
        {
            await overview.GetAsync(default);
            await trends.GetSeverityTrendAsync(quarterFrom, today, null, default);
            await trends.GetSeverityTrendAsync(quarterFrom, today, null, default);
            await trends.GetComplianceTrendAsync(framework, null, quarterFrom, today, null, default);
            await trends.GetAgingAsync(null, default);
            await trends.GetSlaBreachesAsync(null, default);
        }

        async Task CompliancePage()
        {
            await compliance.GetSnapshotAsync(default);
            await trends.GetComplianceTrendAsync(framework, null, yearFrom, today, null, default);
        }

        async Task FindingsPage()
        {
            await findings.GetFilterChoicesAsync(default);
            await Page();
        }

        const string E = "explorer";
        return
        [
            new(E, "default view (failed, unmuted, worst first), page 1", ExplorerTarget, () => Page()),
            new(E, "severity High + region eu-west-1, by last seen", ExplorerTarget, () => Page(("severity", "High"), ("region", "eu-west-1"), ("sort", "lastseen"))),
            new(E, $"account {account} + triage Open, by resource", ExplorerTarget, () => Page(("account", $"{account}"), ("triage", "Open"), ("sort", "resource"), ("dir", "asc"))),
            new(E, "one check, worst first", ExplorerTarget, () => Page(("check", check))),
            new(E, "check + account, failed/error/manual (compliance link)", ExplorerTarget,
                () => Page(("status", "Fail,Error,Manual"), ("check", check), ("account", $"{account}"))),
            new(E, "every status, by first seen", ExplorerTarget, () => Page(("status", "any"), ("sort", "firstseen"))),
            new(E, "text search 'bucket-12345' (every status)", ExplorerTarget, () => Page(("q", "bucket-12345"), ("status", "any"))),
            new(E, "text search 'logging' (failed)", ExplorerTarget, () => Page(("q", "logging"))),
            new(E, "text search 'bucket-1' (failed; 74,000 match)", ExplorerTarget, () => Page(("q", "bucket-1"))),
            new(E, "default view, page 400 (rows 9,976-10,000)", ExplorerTarget, () => Page(("page", "400"))),
            new(E, "default view, page 2,000 (rows 49,976-50,000)", ExplorerTarget, () => Page(("page", "2000"))),
            new(E, "filter choices (accounts, regions, checks, services, assignees)", null, () => findings.GetFilterChoicesAsync(default)),
            new(E, "Findings page: filter choices + default view", null, FindingsPage),

            new("overview", "headline counts, top failing checks, last scans", null, () => overview.GetAsync(default)),
            new("overview", "aging of open findings", null, () => trends.GetAgingAsync(null, default)),
            new("overview", "SLA breaches by severity", null, () => trends.GetSlaBreachesAsync(null, default)),
            new("overview", "Overview page: every query it runs", null, OverviewPage),

            new("compliance", "snapshot (latest scan of every account, per check)", null, () => compliance.GetSnapshotAsync(default)),
            new("compliance", "one check's resources needing attention", null, () => compliance.GetResourcesAsync(check, null, default)),
            new("compliance", "Compliance page: snapshot + framework trend over the year", null, CompliancePage),

            new("trend", "open findings by severity, 365 days, all accounts", TrendTarget, () => trends.GetSeverityTrendAsync(yearFrom, today, null, default)),
            new("trend", "open findings by severity, 90 days, all accounts", TrendTarget, () => trends.GetSeverityTrendAsync(quarterFrom, today, null, default)),
            new("trend", "open findings by severity, 365 days, one account", TrendTarget, () => trends.GetSeverityTrendAsync(yearFrom, today, account, default)),
            new("trend", $"compliance % of {framework}, 365 days, all accounts", TrendTarget,
                () => trends.GetComplianceTrendAsync(framework, null, yearFrom, today, null, default)),
            new("trend", $"compliance % of {framework}, 90 days, all accounts", TrendTarget,
                () => trends.GetComplianceTrendAsync(framework, null, quarterFrom, today, null, default)),
            new("trend", $"compliance % of {framework} section {section}, 365 days, one account", TrendTarget,
                () => trends.GetComplianceTrendAsync(framework, section, yearFrom, today, account, default)),
        ];
    }

    private static async Task<Measurement> MeasureAsync(Query query, int iterations)
    {
        await query.Run();
        await query.Run();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < iterations && (times.Count < 10 || total.Elapsed < Budget))
        {
            var watch = Stopwatch.StartNew();
            await query.Run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new Measurement(query.Group, query.Name, query.Target, times);
    }

    private sealed record Measurement(string Group, string Name, double? Target, List<double> Sorted)
    {
        public double Median => BenchStats.Median(Sorted);

        public double P95 => BenchStats.P95(Sorted);

        public string Title => $"{Group}: {Name}";

        public override string ToString() =>
            $"{Title,-92} n={Sorted.Count,2}  median {BenchStats.Ms(Median),9}  p95 {BenchStats.Ms(P95),9}  (min {BenchStats.Ms(Sorted[0])}, max {BenchStats.Ms(Sorted[^1])})"
            + (Target is { } t ? $"  target {t:0} ms: {(P95 <= t ? "met" : "MISSED")}" : "");
    }

    private static void PrintTable(List<(DatabaseProvider Provider, Measurement Measurement)> results)
    {
        Console.WriteLine();
        Console.WriteLine("| query | SQLite median | SQLite p95 | PostgreSQL median | PostgreSQL p95 | target (p95) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var title in results.Select(r => r.Measurement.Title).Distinct())
        {
            var sqlite = results.FirstOrDefault(r => r.Provider == DatabaseProvider.Sqlite && r.Measurement.Title == title).Measurement;
            var postgres = results.FirstOrDefault(r => r.Provider == DatabaseProvider.Postgres && r.Measurement.Title == title).Measurement;
            var target = (sqlite ?? postgres)!.Target;
            Console.WriteLine($"| {title} | {Cell(sqlite, m => m.Median)} | {Cell(sqlite, m => m.P95, target)} | {Cell(postgres, m => m.Median)} | "
                + $"{Cell(postgres, m => m.P95, target)} | {(target is { } t ? $"≤ {t:0} ms" : "—")} |");
        }
    }

    private static string Cell(Measurement? measurement, Func<Measurement, double> value, double? target = null)
    {
        if (measurement is null)
        {
            return "—";
        }

        var text = BenchStats.Ms(value(measurement));
        return target is { } t ? $"{text} ({value(measurement) / t:0.00}×)" : text;
    }

    /// <summary>"Now" is the end of the generated history, so aging, SLA and trend ranges line up with the data.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
