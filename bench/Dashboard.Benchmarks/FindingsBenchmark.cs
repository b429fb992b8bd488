using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Trends;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Benchmarks;

/// <summary>
/// Explorer page queries over N findings and trend queries over accounts × days of daily scans, on a SQLite file
/// migrated with the app's own migrations. Data is generated with raw SQL (fast); queries run through the app's code.
/// Prints the median of several runs after one warm-up. Not a test: nothing is asserted.
/// </summary>
public static class FindingsBenchmark
{
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var findings = Option(args, "--findings", 1_000_000);
        var accounts = Option(args, "--accounts", 50);
        var days = Option(args, "--days", 365);
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-bench-{Guid.NewGuid():N}.db");
        // The Identity part of the model depends on the host's Identity options (schema version); the findings tables do not.
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options;
        var factory = new SqliteFactory(new PooledDbContextFactory<SqliteAppDbContext>(options));
        try
        {
            var setup = Stopwatch.StartNew();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }

            var end = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            await GenerateAsync(path, findings, accounts, days, end);
            Console.WriteLine($"generated {findings:N0} findings and {accounts} accounts x {days} days of scans in {setup.Elapsed.TotalSeconds:0.0} s ({new FileInfo(path).Length / 1048576} MiB)");

            var query = new FindingsQuery(factory, FrameworkCatalog.Default);
            var trends = new TrendsQuery(factory, TimeProvider.System);
            var defaultView = FindingsUrl.Parse(new Dictionary<string, string?>());
            await Measure("explorer: default view (failed, unmuted, by severity), page 1", () => query.GetPageAsync(defaultView, default));
            await Measure("explorer: severity=High + region, sorted by last seen", () => query.GetPageAsync(
                FindingsUrl.Parse(new Dictionary<string, string?> { ["severity"] = "High", ["region"] = "eu-west-1", ["sort"] = "lastseen" }), default));
            await Measure("explorer: one account + triage=Open, sorted by resource", () => query.GetPageAsync(
                FindingsUrl.Parse(new Dictionary<string, string?> { ["account"] = "7", ["triage"] = "Open", ["sort"] = "resource", ["dir"] = "asc" }), default));
            await Measure("explorer: text search 'bucket-12345'", () => query.GetPageAsync(
                FindingsUrl.Parse(new Dictionary<string, string?> { ["q"] = "bucket-12345", ["status"] = "any" }), default));
            await Measure("explorer: default view, page 2000", () => query.GetPageAsync(defaultView with { Page = 1999 }, default));
            var from = DateOnly.FromDateTime(end.AddDays(-days).UtcDateTime);
            var to = DateOnly.FromDateTime(end.AddDays(-1).UtcDateTime);
            await Measure($"trend: open findings by severity, {days} days, all accounts", () => trends.GetSeverityTrendAsync(from, to, null, default));
            var framework = FrameworkCatalog.Default.All.Count > 0 ? FrameworkCatalog.Default.All[0].Id : "none";
            await Measure($"trend: compliance % of {framework}, {days} days, all accounts", () => trends.GetComplianceTrendAsync(framework, null, from, to, null, default));
            await Measure("trend: open findings by severity, 90 days, one account", () => trends.GetSeverityTrendAsync(to.AddDays(-89), to, 3, default));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static async Task Measure<T>(string name, Func<Task<T>> run, int runs = 7)
    {
        await run();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-70} median {times[runs / 2],8:0.0} ms  (min {times[0]:0.0}, max {times[^1]:0.0})");
    }

    private static async Task GenerateAsync(string path, int findings, int accounts, int days, DateTimeOffset end)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var account = Command(connection, transaction, "INSERT INTO Accounts (Id, AwsAccountId, Name, IsDemo, CreatedAt) VALUES ($id, $aws, $name, 0, $at)");
        for (var a = 1; a <= accounts; a++)
        {
            Set(account, ("$id", a), ("$aws", (100000000000L + a).ToString(CultureInfo.InvariantCulture)), ("$name", $"account-{a:D3}"), ("$at", Ticks(end.AddDays(-days))));
            await account.ExecuteNonQueryAsync();
        }

        string[] regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "global"];
        var checks = CheckCatalog.Default.All.Select(c => c.Metadata).ToList();
        var finding = Command(connection, transaction, """
            INSERT INTO Findings (AccountId, CheckId, CheckTitle, Service, Severity, Region, ResourceId, ResourceArn, Status, Reason, EvidenceJson,
                FirstSeen, LastSeen, LastScanRunId, TriageState, Lifecycle, OpenedAt, ReopenCount, Assignee, DueAt, MutedByRuleId)
            VALUES ($account, $check, $title, $service, $severity, $region, $resource, NULL, $status, $reason, '{}',
                $first, $last, 0, $triage, $lifecycle, $opened, 0, $assignee, $due, NULL)
            """);
        for (var i = 0; i < findings; i++)
        {
            var check = checks[i % checks.Count];
            var status = i % 3 == 0 ? ResultStatus.Pass : i % 11 == 0 ? ResultStatus.Error : ResultStatus.Fail;
            var first = end.AddDays(-(i % days)).AddMinutes(-(i % 1440));
            Set(finding, ("$account", (i % accounts) + 1), ("$check", check.Id), ("$title", check.Title), ("$service", check.Service), ("$severity", (int)check.Severity),
                ("$region", regions[(i / 7) % regions.Length]), ("$resource", $"bucket-{i}"), ("$status", (int)status), ("$reason", $"reason for resource {i}"),
                ("$first", Ticks(first)), ("$last", Ticks(end.AddHours(-(i % 48)))), ("$triage", i % 13 == 0 ? 2 : 0),
                ("$lifecycle", status == ResultStatus.Fail ? 1 : 0), ("$opened", status == ResultStatus.Fail ? Ticks(first) : DBNull.Value),
                ("$assignee", i % 17 == 0 ? $"user{i % 5}@example.com" : DBNull.Value), ("$due", status == ResultStatus.Fail ? Ticks(first.AddDays(30)) : DBNull.Value));
            await finding.ExecuteNonQueryAsync();
        }

        var run = Command(connection, transaction, """
            INSERT INTO ScanRuns (Id, AccountId, State, Trigger, QueuedAt, StartedAt, CompletedAt, PassCount, FailCount, ManualCount, NotApplicableCount, ErrorCount,
                CollectionErrorCount, NewCount, ResolvedCount, RegressedCount, UnchangedCount)
            VALUES ($id, $account, 2, 'Bench', $at, $at, $at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            """);
        var severity = Command(connection, transaction, """
            INSERT INTO SeverityAggregates (ScanRunId, AccountId, At, Severity, OpenCount, MutedOpenCount, OverdueCount, NewCount, ResolvedCount, RegressedCount, RemediationSeconds)
            VALUES ($run, $account, $at, $severity, $open, 0, $overdue, $new, $resolved, 0, $seconds)
            """);
        var compliance = Command(connection, transaction, """
            INSERT INTO ComplianceAggregates (ScanRunId, AccountId, At, FrameworkId, SectionId, Passed, Failed, Manual, NotApplicable, Error)
            VALUES ($run, $account, $at, $framework, $section, $passed, $failed, 0, 0, 0)
            """);
        var frameworks = FrameworkCatalog.Default.All;
        long runId = 0;
        for (var a = 1; a <= accounts; a++)
        {
            // Most accounts daily; every fifth account every other day, at its own hour.
            for (var d = days; d >= 1; d -= a % 5 == 0 ? 2 : 1)
            {
                var at = end.AddDays(-d).AddHours(a % 24);
                Set(run, ("$id", ++runId), ("$account", a), ("$at", Ticks(at)));
                await run.ExecuteNonQueryAsync();
                foreach (var s in Enum.GetValues<Severity>())
                {
                    Set(severity, ("$run", runId), ("$account", a), ("$at", Ticks(at)), ("$severity", (int)s), ("$open", (a + d) % 40), ("$overdue", d % 5),
                        ("$new", d % 3), ("$resolved", (a * d) % 3), ("$seconds", 86400.0 * ((a * d) % 3)));
                    await severity.ExecuteNonQueryAsync();
                }

                foreach (var framework in frameworks)
                {
                    foreach (var section in framework.Sections.Select(x => x.Id).Prepend(""))
                    {
                        Set(compliance, ("$run", runId), ("$account", a), ("$at", Ticks(at)), ("$framework", framework.Id), ("$section", section),
                            ("$passed", (a + d) % 30), ("$failed", 30 - ((a + d) % 30)));
                        await compliance.ExecuteNonQueryAsync();
                    }
                }
            }
        }

        await transaction.CommitAsync();
        await Exec(connection, "ANALYZE;");
    }

    private static object Ticks(DateTimeOffset at) => Time.ConvertToProvider(at)!;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value);
            }
        }
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    // AppDbContext is abstract (one subclass per provider); the queries take a factory of the base type.
    private sealed class SqliteFactory(IDbContextFactory<SqliteAppDbContext> inner) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => await inner.CreateDbContextAsync(cancellationToken);
    }
}
