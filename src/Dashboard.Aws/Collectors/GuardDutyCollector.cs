using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>GuardDuty per region: ListDetectors, then GetDetector for each.</summary>
public sealed class GuardDutyCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["guardduty:ListDetectors", "guardduty:GetDetector"];

    private const string Service = "guardduty";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var byRegion = new ConcurrentDictionary<string, IReadOnlyList<GuardDutyDetector>>(StringComparer.Ordinal);
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new GuardDutyClient(context.Transport, region);
            var ids = new List<string>();
            if (!await context.PageAsync(Service, region, "ListDetectors", null, client.ListDetectorsAsync, p => p.NextToken, p => ids.AddRange(p.DetectorIds), ct))
            {
                return;
            }

            var detectors = new List<GuardDutyDetector>();
            foreach (var id in ids)
            {
                var detector = await context.CallAsync(Service, region, "GetDetector", id, c => client.GetDetectorAsync(id, c), ct);
                if (!detector.Succeeded)
                {
                    return;
                }

                detectors.Add(new GuardDutyDetector(id, detector.Value!.Status, detector.Value.Features));
            }

            byRegion[region] = detectors;
        }, cancellationToken);

        var data = new GuardDutyData { DetectorsByRegion = MonitoringCollector.Sorted(byRegion) };
        return inventory => inventory with { GuardDuty = data };
    }
}
