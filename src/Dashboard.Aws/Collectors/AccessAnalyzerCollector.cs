using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>IAM Access Analyzer: ListAnalyzers in every region.</summary>
public sealed class AccessAnalyzerCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["access-analyzer:ListAnalyzers"];

    public string Name => "access-analyzer";
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var byRegion = new ConcurrentDictionary<string, IReadOnlyList<Analyzer>>(StringComparer.Ordinal);
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new AccessAnalyzerClient(context.Transport, region);
            var list = new List<Analyzer>();
            if (await context.PageAsync("access-analyzer", region, "ListAnalyzers", null, client.ListAnalyzersAsync, p => p.NextToken, p => list.AddRange(p.Analyzers), ct))
            {
                byRegion[region] = list;
            }
        }, cancellationToken);

        var data = new AccessAnalyzerData { AnalyzersByRegion = MonitoringCollector.Sorted(byRegion) };
        return inventory => inventory with { AccessAnalyzer = data };
    }
}
