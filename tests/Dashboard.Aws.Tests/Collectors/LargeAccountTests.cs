using Dashboard.Aws.Collectors;
using Dashboard.Aws.Tests.Support;
using FakeAws;

namespace Dashboard.Aws.Tests.Collectors;

/// <summary>Memory stays bounded for a 10,000-role account: pages are mapped and dropped, raw responses are not kept.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LargeAccountTests
{
    // Measured: peak managed memory grows by about 45 MB while collecting 10,000 roles (the inventory itself plus the
    // in-process fake's garbage). The bound is generous, but far below what keeping every raw page would need.
    private const long PeakBoundBytes = 200L * 1024 * 1024;

    [Fact]
    public async Task TenThousandRoles_AreCollectedWithinTheMemoryBound()
    {
        var spec = new LargeAccountSpec { Roles = 10_000, Users = 50, Policies = 50, Buckets = 1, SecurityGroupsPerRegion = 1, InstancesPerRegion = 1, MetricFilters = 1, KeysPerRegion = 1, Regions = ["us-east-1"] };
        var scenario = ScenarioGenerator.Large(spec, FakeAccount.Now);
        var account = scenario.Accounts[0];
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });

        // Pages of 100 (not the default 1000): many pages arrive and must each be mapped and dropped.
        var result = await FakeAccount.CollectAsync(server, account, collectors: [new IamCollector()], options: FakeAccount.FastOptions with { IamPageSize = 100 });
        stop.Cancel();
        await sampler;

        Assert.Equal(10_000, result.Inventory.Iam.Roles.Count);
        Assert.True(result.CallsByOperation["iam:GetAccountAuthorizationDetails"] >= 100, "10,000 roles arrive over 100+ pages");
        var growth = peak - baseline;
        Assert.True(growth < PeakBoundBytes, $"peak managed memory grew by {growth / (1024 * 1024)} MB (bound {PeakBoundBytes / (1024 * 1024)} MB)");
    }
}
