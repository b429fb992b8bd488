using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>Security Hub per region: DescribeHub (InvalidAccessException = not subscribed, a state) and enabled standards.</summary>
public sealed class SecurityHubCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["securityhub:DescribeHub", "securityhub:GetEnabledStandards"];

    private const string Service = "securityhub";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var byRegion = new ConcurrentDictionary<string, SecurityHubHub?>(StringComparer.Ordinal);
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new SecurityHubClient(context.Transport, region);
            var hub = await context.CallAsync(Service, region, "DescribeHub", null, client.DescribeHubAsync, ct, "InvalidAccessException", "ResourceNotFoundException");
            if (hub.IsState)
            {
                byRegion[region] = null;
                return;
            }

            if (!hub.Succeeded)
            {
                return;
            }

            var standards = new List<string>();
            if (await context.PageAsync(Service, region, "GetEnabledStandards", null, client.GetEnabledStandardsAsync, p => p.NextToken, p => standards.AddRange(p.StandardsArns), ct))
            {
                byRegion[region] = new SecurityHubHub(hub.Value!.HubArn, hub.Value.SubscribedAt, standards);
            }
        }, cancellationToken);

        var data = new SecurityHubData { HubsByRegion = MonitoringCollector.Sorted(byRegion) };
        return inventory => inventory with { SecurityHub = data };
    }
}
