using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FakeAws;
using FakeAws.Wire;

namespace Dashboard.Benchmarks;

/// <summary>
/// Scans a generated account served by the fake AWS (in this process, with per-call latency and AWS's default rate
/// limits) with the real CLI (`dashboard scan`, a child process), and prints: wall time of the child and of its
/// collection, calls the fake received against the minimum that complete data needs (by service and operation),
/// throttled answers, the lower bound on wall time that latency and rate limits imply, CPU time of both sides, and the
/// child's peak resident memory. Runs the issue 9 large account and one demo account. Not a test: nothing is asserted.
/// </summary>
public static partial class ScanBenchmark
{
    public static readonly DateTimeOffset Now = ScenarioGenerator.DemoTime;

    public static async Task<int> RunAsync(string[] args)
    {
        var preset = BenchArgs.Text(args, "--preset") ?? "issue9";
        var latency = BenchArgs.Number(args, "--latency-ms", 30);
        var limits = args.Contains("--no-rate-limits") ? [] : AwsRateLimits.Defaults;
        var faults = new ScenarioFaults { LatencyMs = latency, RateLimits = limits };
        Console.WriteLine($"scan: fake AWS in-process, {latency} ms per call, {(limits.Count == 0 ? "no rate limits" : "AWS default rate limits")}; "
            + $"{Environment.ProcessorCount} cores, load average {BenchStats.LoadAverage()}");

        var large = ScenarioGenerator.Large(LargeAccountSpec.Presets[preset], Now) with { Faults = faults };
        await ScanAsync($"large account (preset {preset})", large, large.Accounts[0], latency, limits);

        var demo = ScenarioGenerator.Demo(Now) with { Faults = faults };
        var demoAccount = demo.Accounts.MaxBy(a => a.Inventory.S3.Buckets.Count + a.Inventory.Iam.Roles.Count)!;
        await ScanAsync($"demo account {demoAccount.AccountId}", demo, demoAccount, latency, limits);
        return 0;
    }

    private static async Task ScanAsync(string name, Scenario scenario, ScenarioAccount account, int latencyMs, IReadOnlyList<RateLimitRule> limits)
    {
        var minimum = MinimumCalls.For(account);
        var bound = MinimumCalls.Bound(minimum, limits, account.AccountId, latencyMs / 1000.0);
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var output = Path.Combine(Path.GetTempPath(), $"dashboard-scan-bench-{Guid.NewGuid():N}.json");
        var serverCpu = Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            var child = await RunCliAsync(server, account, output);
            serverCpu = Process.GetCurrentProcess().TotalProcessorTime - serverCpu;
            var made = server.Calls.Snapshot().GroupBy(c => $"{c.Key.Service}:{c.Key.Operation}").ToDictionary(g => g.Key, g => g.Sum(x => x.Value), StringComparer.Ordinal);
            var throttled = server.State.Throttled.Total;
            var needed = minimum.GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Count), StringComparer.Ordinal);
            var totalMade = made.Values.Sum();
            var totalNeeded = needed.Values.Sum();
            var match = SummaryLine().Match(child.Stdout);
            var collection = match.Success ? double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture) : double.NaN;

            Console.WriteLine();
            Console.WriteLine($"## {name}: {account.Enabled.Count} enabled regions, {account.Inventory.Iam.Roles.Count:N0} roles, {account.Inventory.Iam.Policies.Count(p => !p.IsAwsManaged):N0} customer policies, "
                + $"{account.Inventory.Iam.Users.Count:N0} users, {account.Inventory.S3.Buckets.Count:N0} buckets, {account.Inventory.Ec2.SecurityGroups.Count:N0} security groups, {account.Inventory.Ec2.Instances.Count:N0} instances");
            Console.WriteLine($"  cli: {child.Stdout.Trim()}");
            if (child.ExitCode != 0)
            {
                Console.WriteLine($"  cli exited {child.ExitCode}: {child.Stderr.Trim()}");
            }

            Console.WriteLine($"  wall time: collection {collection:0.00} s (the CLI's own clock), whole CLI process {child.Wall.TotalSeconds:0.00} s (start-up, collection, evaluation, JSON output)");
            Console.WriteLine($"  lower bound: {bound.Seconds:0.00} s = max(latency chain {bound.ChainSeconds:0.00} s: {bound.ChainWhy}; rate limits {bound.RateSeconds:0.00} s: {bound.RateWhy})");
            Console.WriteLine($"  collection / lower bound = {collection / bound.Seconds:0.00} (target <= 1.5)");
            Console.WriteLine($"  calls: {totalMade:N0} received by the fake (incl. {throttled:N0} throttled and retried), minimum {totalNeeded:N0}: ratio {(double)totalMade / totalNeeded:0.000} (target <= 1.1)");
            Console.WriteLine($"  peak memory of the CLI process (VmHWM, sampled every 10 ms): {child.PeakRssBytes / 1048576.0:0} MiB (target <= 1024 MiB)");
            Console.WriteLine($"  CPU: CLI {child.Cpu.TotalSeconds:0.0} s, fake AWS (this process) {serverCpu.TotalSeconds:0.0} s, on {Environment.ProcessorCount} cores; load average now {BenchStats.LoadAverage()}");
            Console.WriteLine("  by service:operation where made != minimum (made / minimum):");
            foreach (var key in made.Keys.Union(needed.Keys).Order(StringComparer.Ordinal))
            {
                var m = made.GetValueOrDefault(key);
                var n = needed.GetValueOrDefault(key);
                if (m != n)
                {
                    // Why the minimum counts what it counts, so a difference can be read against its assumption.
                    var why = string.Join("; ", minimum.Where(c => c.Key == key).Select(c => c.Why).Distinct(StringComparer.Ordinal));
                    Console.WriteLine($"    {key,-55} {m,6:N0} / {n,6:N0}{(why.Length > 0 ? $"  ({why})" : "")}");
                }
            }

            Console.WriteLine("  by service (made / minimum): " + string.Join(", ", made.Keys.Union(needed.Keys).GroupBy(k => k.Split(':')[0]).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Sum(k => made.GetValueOrDefault(k)):N0}/{g.Sum(k => needed.GetValueOrDefault(k)):N0}")));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private sealed record ChildRun(int ExitCode, string Stdout, string Stderr, TimeSpan Wall, TimeSpan Cpu, long PeakRssBytes);

    /// <summary>
    /// Runs `dotnet dashboard.dll scan` against the fake with the account's keys and samples /proc/PID every 10 ms:
    /// VmHWM (the kernel's peak resident set size, monotonic) and utime+stime. A spike in the last 10 ms before exit
    /// could be missed; the inventory and results are held until the JSON is written, so the peak is earlier.
    /// </summary>
    private static async Task<ChildRun> RunCliAsync(FakeAwsServer server, ScenarioAccount account, string output)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "dashboard.dll");
        var start = new ProcessStartInfo(Dashboard.Tests.Shared.DashboardNode.DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "scan", "--output", output })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_ENDPOINT_URL"] = server.Endpoint.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = account.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = account.SecretAccessKey;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(Path.GetTempPath(), "dashboard-bench-no-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Path.GetTempPath(), "dashboard-bench-no-credentials");

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        while (!process.HasExited)
        {
            if (ReadProc(process.Id) is { } sample)
            {
                peak = Math.Max(peak, sample.Peak);
                cpu = sample.Cpu;
            }

            await Task.Delay(10);
        }

        await process.WaitForExitAsync();
        watch.Stop();
        return new ChildRun(process.ExitCode, await stdout, await stderr, watch.Elapsed, cpu, peak);
    }

    private static (long Peak, TimeSpan Cpu)? ReadProc(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            var hwm = status.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (in parentheses): state is field 3, utime 14, stime 15 (clock ticks, 100 Hz).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var kb = hwm is null ? 0 : long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return (kb * 1024, TimeSpan.FromSeconds(ticks / 100.0));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended between the check and the read
        }
    }

    [GeneratedRegex(@"calls in (?<seconds>[0-9.]+) s")]
    private static partial Regex SummaryLine();
}
