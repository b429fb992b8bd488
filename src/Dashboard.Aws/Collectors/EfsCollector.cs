using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>EFS per region: DescribeFileSystems (tags come with them).</summary>
public sealed class EfsCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["elasticfilesystem:DescribeFileSystems"];

    public string Name => "elasticfilesystem";
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var fileSystems = new ConcurrentBag<EfsFileSystem>();
        await context.ForEachRegionAsync((region, ct) =>
        {
            var client = new EfsClient(context.Transport, region);
            return context.PageAsync("elasticfilesystem", region, "DescribeFileSystems", null, client.DescribeFileSystemsAsync, p => p.NextMarker,
                p => p.FileSystems.ToList().ForEach(fileSystems.Add), ct);
        }, cancellationToken);

        var data = new EfsData { FileSystems = fileSystems.OrderBy(f => f.Arn, StringComparer.Ordinal).ToList() };
        return inventory => inventory with { Efs = data };
    }
}
