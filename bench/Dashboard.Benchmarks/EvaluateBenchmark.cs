using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Checks;
using FakeAws;

namespace Dashboard.Benchmarks;

/// <summary>
/// Every check of the catalog over the large generated inventory (the issue 9 preset): wall time and bytes allocated
/// per full evaluation, median of N runs after one warm-up. Single-threaded, as the scan job and the CLI run it.
/// </summary>
public static class EvaluateBenchmark
{
    public static int Run(string[] args)
    {
        var runs = BenchArgs.Number(args, "--runs", 7);
        var preset = BenchArgs.Text(args, "--preset") ?? "issue9";
        var inventory = ScenarioGenerator.LargeInventory(LargeAccountSpec.Presets[preset], ScanBenchmark.Now);
        var context = new EvaluationContext(inventory, inventory.CollectedAt);
        var catalog = CheckCatalog.Default;
        Console.WriteLine($"evaluate: {catalog.All.Count} checks over preset {preset} ({inventory.Iam.Roles.Count:N0} roles, {inventory.Iam.Policies.Count:N0} policies, "
            + $"{inventory.Iam.Users.Count:N0} users, {inventory.S3.Buckets.Count:N0} buckets, {inventory.Ec2.SecurityGroups.Count:N0} security groups, "
            + $"{inventory.Ec2.Instances.Count:N0} instances, {inventory.Regions.Count} regions)");

        var results = catalog.EvaluateAll(context).Count;
        var times = new List<double>();
        var allocations = new List<long>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            results = catalog.EvaluateAll(context).Count;
            watch.Stop();
            allocations.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"  {results:N0} results; median of {runs} after a warm-up: {BenchStats.Median(times):0} ms, {BenchStats.Median(allocations.Select(a => (double)a).ToList()) / 1048576:0.0} MiB allocated "
            + $"(runs: {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms)");

        // Which checks cost the most: one timed pass per check.
        var perCheck = catalog.All.Select(check =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var count = check.Evaluate(context).Count();
            return (check.Id, Ms: watch.Elapsed.TotalMilliseconds, Bytes: GC.GetAllocatedBytesForCurrentThread() - before, count);
        }).OrderByDescending(x => x.Ms).Take(5).ToList();
        Console.WriteLine("  slowest checks: " + string.Join("; ", perCheck.Select(x => $"{x.Id} {x.Ms:0} ms, {x.Bytes / 1048576.0:0.0} MiB, {x.count:N0} results")));
        return 0;
    }
}
