using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>RDS per region: DB instances and DB clusters (tags come with them).</summary>
public sealed class RdsCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["rds:DescribeDBInstances", "rds:DescribeDBClusters"];

    public string Name => "rds";
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var instances = new ConcurrentBag<RdsInstance>();
        var clusters = new ConcurrentBag<RdsCluster>();
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new RdsClient(context.Transport, region);
            await context.PageAsync("rds", region, "DescribeDBInstances", null, client.DescribeDBInstancesAsync, p => p.Marker, p => p.DBInstances.ToList().ForEach(instances.Add), ct);
            await context.PageAsync("rds", region, "DescribeDBClusters", null, client.DescribeDBClustersAsync, p => p.Marker, p => p.DBClusters.ToList().ForEach(clusters.Add), ct);
        }, cancellationToken);

        var data = new RdsData
        {
            Instances = instances.OrderBy(i => i.Arn, StringComparer.Ordinal).ToList(),
            Clusters = clusters.OrderBy(c => c.Arn, StringComparer.Ordinal).ToList(),
        };
        return inventory => inventory with { Rds = data };
    }
}
