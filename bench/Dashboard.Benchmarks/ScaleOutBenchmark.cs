using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Tests.Shared;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// Scans per minute of a scaled-out install: the built dashboard as one web node and 1, 2, ... worker nodes (child
/// processes, default Jobs settings) on a fresh PostgreSQL database, scanning a fleet of accounts on the standalone
/// fake AWS with a fixed latency per call. Each round queues a scan of every account through the web node's API and
/// times it until the last one completes. Round 1 is every account's first scan; later rounds are rescans.
/// </summary>
public static class ScaleOutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var accounts = BenchArgs.Number(args, "--accounts", 20);
        var latency = BenchArgs.Number(args, "--latency-ms", 30);
        var rounds = BenchArgs.Number(args, "--rounds", 2);
        var workerCounts = (BenchArgs.Text(args, "--workers") ?? "1,2").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList();
        var server = BenchArgs.Text(args, "--postgres") ?? Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            // Skipped like the other commands' PostgreSQL parts, so that `all` goes on without a server.
            Console.WriteLine("scaleout skipped: it needs PostgreSQL; run `. scripts/start-postgres.sh` first (it sets DASHBOARD_TEST_POSTGRES), or pass --postgres CONNECTION_STRING of a role that may create databases.");
            return 0;
        }

        var folder = Directory.CreateTempSubdirectory("dashboard-scaleout-bench-").FullName;
        try
        {
            var scenario = Path.Combine(folder, "fleet.json");
            await WriteFleetAsync(scenario, accounts);
            var fleet = ReadFleet(scenario);
            Console.WriteLine($"fake AWS: {accounts} accounts, {latency} ms per call; {Environment.ProcessorCount} cores");
            var rows = new List<string>();
            foreach (var workers in workerCounts)
            {
                // A fresh fake per layout: it remembers per account that a credential report was generated, which
                // makes every later first scan quicker.
                using var fake = DashboardNode.StartFakeAws(scenario, latency);
                await fake.WaitForOutputAsync(line => line.StartsWith("http://", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
                rows.AddRange(await MeasureAsync(server, fleet, fake.BaseAddress.ToString().TrimEnd('/'), workers, rounds));
            }

            Console.WriteLine();
            Console.WriteLine("| workers | round | scans | wall time | scans/min | median scan |");
            Console.WriteLine("|---|---|---|---|---|---|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record FleetAccount(string AccountId, string RoleArn, string ExternalId, string Regions);

    private static async Task<IEnumerable<string>> MeasureAsync(string server, IReadOnlyList<FleetAccount> fleet, string endpoint, int workers, int rounds)
    {
        var database = CreateDatabase(server);
        try
        {
            var hub = fleet[0].AccountId;
            await using var cluster = await ScaleOutCluster.StartAsync(database, webNodes: 1, workers, new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = "AKIAFAKE" + hub,
                ["AWS_SECRET_ACCESS_KEY"] = "fake-secret-" + hub,
                ["AWS_SESSION_TOKEN"] = null,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
            }, TimeSpan.FromSeconds(120));
            var accountIds = new List<int>();
            foreach (var account in fleet)
            {
                accountIds.Add(await cluster.AddAccountAsync(ScaleOutCluster.AssumeRoleAccount(account.AccountId, account.RoleArn, account.ExternalId, endpoint, account.Regions)));
            }

            var rows = new List<string>();
            for (var round = 1; round <= rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                var runIds = new List<long>();
                foreach (var id in accountIds)
                {
                    runIds.Add(await cluster.RequestScanAsync(id));
                }

                var runs = await WaitForRunsAsync(cluster, runIds);
                var elapsed = clock.Elapsed;
                var failed = runs.Where(r => r.State != ScanRunState.Completed).ToList();
                if (failed.Count > 0)
                {
                    throw new InvalidOperationException($"{failed.Count} scan(s) did not complete, e.g. run {failed[0].Id}: {failed[0].State} {failed[0].Error}");
                }

                var durations = runs.Select(r => (r.CompletedAt!.Value - r.StartedAt!.Value).TotalSeconds).ToList();
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {workers} | {round} | {runs.Count} | {elapsed.TotalSeconds:0.0} s | **{runs.Count / elapsed.TotalMinutes:0}** | {BenchStats.Median(durations):0.0} s |");
                Console.WriteLine(row);
                rows.Add(row);
            }

            return rows;
        }
        finally
        {
            DropDatabase(server, database);
        }
    }

    private static async Task<List<ScanRun>> WaitForRunsAsync(ScaleOutCluster cluster, List<long> runIds)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = await cluster.Db.CreateDbContextAsync())
            {
                var runs = await db.ScanRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToListAsync();
                if (runs.All(r => r.State is not (ScanRunState.Queued or ScanRunState.Running)))
                {
                    return runs;
                }
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException("the scans did not finish within 15 minutes");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The fake AWS's own generator writes the scenario: N accounts, each with the PostureScanner role.</summary>
    private static async Task WriteFleetAsync(string path, int accounts)
    {
        var dll = DashboardNode.BuiltDll(Path.Combine("tests", "FakeAws"), "FakeAws.dll");
        using var process = Process.Start(new ProcessStartInfo(Dashboard.Tests.Shared.DashboardNode.DotnetHost())
        {
            ArgumentList = { dll, "--write-fleet", path, "--accounts", accounts.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"FakeAws --write-fleet exited with {process.ExitCode}");
        }
    }

    private static List<FleetAccount> ReadFleet(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("accounts").EnumerateArray().Select(a =>
        {
            var role = a.GetProperty("assumableRoles")[0];
            var inventory = a.GetProperty("inventory");
            return new FleetAccount(
                inventory.GetProperty("accountId").GetString()!,
                role.GetProperty("roleArn").GetString()!,
                role.GetProperty("externalId").GetString()!,
                string.Join(",", inventory.GetProperty("regions").EnumerateArray().Select(r => r.GetString())));
        }).ToList();
    }

    private static string CreateDatabase(string server)
    {
        var name = $"dashboard_bench_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static void DropDatabase(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
