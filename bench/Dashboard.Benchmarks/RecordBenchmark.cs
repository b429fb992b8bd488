
using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Hosting;
using Dashboard.Web.Scanning;
using FakeAws;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// Records a large account's scan through the app's own <see cref="ScanRecorder"/>: a first scan into an empty
/// database, then a second scan of the same account with some changes (new, resolved, vanished and changed findings),
/// on SQLite (a temp file, the app's migrations and settings) and on PostgreSQL (a fresh database on the server of
/// --postgres or DASHBOARD_TEST_POSTGRES; skipped when neither is set). Each run starts from a new database; prints
/// the median. Not a test: nothing is asserted.
/// </summary>
public static class RecordBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    // The account the scan benchmark collects (issue 9's large account).
    private static readonly LargeAccountSpec Spec = LargeAccountSpec.Issue9;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchArgs.Number(args, "--runs", 3);
        var postgres = BenchArgs.Text(args, "--postgres") ?? Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");

        var watch = Stopwatch.StartNew();
        var inventory = ScenarioGenerator.LargeInventory(Spec, Now);
        var first = CheckCatalog.Default.EvaluateAll(new EvaluationContext(inventory, Now));
        var (second, changed) = Change(first);
        Console.WriteLine($"large account: {Spec.Roles:N0} roles, {Spec.Policies:N0} policies, {Spec.Users:N0} users, {Spec.Buckets:N0} buckets, "
            + $"{Spec.Regions.Count} regions -> {first.Count:N0} results ({Count(first, ResultStatus.Pass):N0} pass, {Count(first, ResultStatus.Fail):N0} fail, "
            + $"{Count(first, ResultStatus.Error):N0} error); second scan {second.Count:N0} results, {changed:N0} changed; generated in {watch.Elapsed.TotalSeconds:0.0} s");

        await MeasureAsync("SQLite", runs, inventory, first, second, () => Task.FromResult<IBenchDatabase>(new SqliteBenchDatabase()));
        if (postgres is null)
        {
            Console.WriteLine("PostgreSQL: skipped (pass --postgres CONNSTR, or run `. scripts/start-postgres.sh` to set DASHBOARD_TEST_POSTGRES)");
        }
        else
        {
            await MeasureAsync("PostgreSQL", runs, inventory, first, second, () => PostgresBenchDatabase.CreateAsync(postgres));
        }

        return 0;
    }

    private static async Task MeasureAsync(
        string name, int runs, AccountInventory inventory, IReadOnlyList<CheckResult> first, IReadOnlyList<CheckResult> second, Func<Task<IBenchDatabase>> create)
    {
        var firstTimes = new List<double>();
        var secondTimes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var database = await create();
            await using var services = Services(database);
            var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            CloudAccount account, warmUp;
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                await DatabaseSetup.MigrateAsync(db, default);
                account = new CloudAccount { AwsAccountId = Spec.AccountId, Name = "large", CreatedAt = Now };
                warmUp = new CloudAccount { AwsAccountId = "500000000002", Name = "warm-up", CreatedAt = Now };
                db.Accounts.AddRange(account, warmUp);
                await db.SaveChangesAsync();
            }

            // A running app has compiled its queries and code paths long before; a small scan of another account does that here.
            var recorder = services.GetRequiredService<ScanRecorder>();
            await RecordAsync(dbFactory, recorder, warmUp.Id, inventory, first.Take(2_000).ToList(), Now);
            var accountId = account.Id;
            firstTimes.Add(await RecordAsync(dbFactory, recorder, accountId, inventory, first, Now));
            secondTimes.Add(await RecordAsync(dbFactory, recorder, accountId, inventory, second, Now.AddDays(1)));
        }

        Report(name, "first scan (empty database)", first.Count, firstTimes);
        Report(name, "second scan (lifecycle updates)", second.Count, secondTimes);
    }

    private static async Task<double> RecordAsync(
        IDbContextFactory<AppDbContext> dbFactory, ScanRecorder recorder, int accountId, AccountInventory inventory, IReadOnlyList<CheckResult> results, DateTimeOffset at)
    {
        long runId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var run = new ScanRun { AccountId = accountId, State = ScanRunState.Running, Trigger = "Bench", QueuedAt = at, StartedAt = at };
            db.ScanRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        var watch = Stopwatch.StartNew();
        await recorder.RecordAsync(runId, accountId, inventory, results, default, at);
        return watch.Elapsed.TotalSeconds;
    }

    private static void Report(string database, string what, int results, List<double> seconds)
    {
        seconds.Sort();
        var median = BenchStats.Median(seconds);
        Console.WriteLine($"{database,-10} {what,-32} median {median,6:0.00} s  {results / median,9:N0} results/s  "
            + $"(runs: {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s)");
    }

    /// <summary>The app's services that recording needs, on the given database.</summary>
    private static ServiceProvider Services(IBenchDatabase database)
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = AuthSetup.IdentitySchemaVersion)
            .Configure<FindingsOptions>(_ => { })
            .AddSingleton(CheckCatalog.Default)
            .AddSingleton(FrameworkCatalog.Default)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ScanRecorder>();
        services.AddAppDbContext(database.Provider, database.ConnectionString);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The next scan of the same account: about 2% of resources gone, 1% new, 2% of failures fixed, 2% of passes
    /// broken, 1% with a new reason. Deterministic.
    /// </summary>
    private static (IReadOnlyList<CheckResult> Results, int Changed) Change(IReadOnlyList<CheckResult> results)
    {
        var next = new List<CheckResult>(results.Count + (results.Count / 100));
        var changed = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            switch (i % 100)
            {
                case 0 or 50:
                    changed++;
                    continue;
                case 1 or 51 when result.Status == ResultStatus.Fail:
                    next.Add(result with { Status = ResultStatus.Pass, Reason = "Fixed since the last scan (bench)." });
                    changed++;
                    continue;
                case 2 or 52 when result.Status == ResultStatus.Pass:
                    next.Add(result with { Status = ResultStatus.Fail, Reason = "Broken since the last scan (bench)." });
                    changed++;
                    continue;
                case 3:
                    next.Add(result with { Reason = result.Reason + " (changed)" });
                    changed++;
                    continue;
                case 4:
                    next.Add(result with { ResourceId = result.ResourceId + "-new", ResourceArn = result.ResourceArn + "-new" });
                    changed++;
                    break;
            }

            next.Add(result);
        }

        return (next, changed);
    }

    private static int Count(IEnumerable<CheckResult> results, ResultStatus status) => results.Count(r => r.Status == status);

    private interface IBenchDatabase : IAsyncDisposable
    {
        DatabaseProvider Provider { get; }

        string ConnectionString { get; }
    }

    private sealed class SqliteBenchDatabase : IBenchDatabase
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"dashboard-record-bench-{Guid.NewGuid():N}.db");

        public DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public string ConnectionString => $"Data Source={_path}";

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_path + suffix);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresBenchDatabase(string server, string connectionString) : IBenchDatabase
    {
        public DatabaseProvider Provider => DatabaseProvider.Postgres;

        public string ConnectionString => connectionString;

        public static async Task<IBenchDatabase> CreateAsync(string server)
        {
            var name = $"dashboard_record_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
            return new PostgresBenchDatabase(server, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
        }

        private static async Task ExecuteAsync(string server, string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
