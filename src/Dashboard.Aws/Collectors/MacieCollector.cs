using System.Collections.Concurrent;
using Amazon.Runtime;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>Macie per region: session status ("Macie is not enabled" is a state: DISABLED), automated discovery, job count.</summary>
public sealed class MacieCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
        ["macie2:GetMacieSession", "macie2:GetAutomatedDiscoveryConfiguration", "macie2:ListClassificationJobs"];

    private const string Service = "macie2";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var byRegion = new ConcurrentDictionary<string, MacieRegion>(StringComparer.Ordinal);
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new Macie2Client(context.Transport, region);
            var session = await context.CallAsync(Service, region, "GetMacieSession", null, async c =>
            {
                try
                {
                    return await client.GetMacieSessionAsync(c);
                }
                catch (AmazonServiceException ex) when (IsNotEnabled(ex))
                {
                    return "DISABLED";
                }
            }, ct);
            if (!session.Succeeded)
            {
                return;
            }

            if (session.Value == "DISABLED")
            {
                byRegion[region] = new MacieRegion("DISABLED", false, 0);
                return;
            }

            var discovery = await context.CallAsync(Service, region, "GetAutomatedDiscoveryConfiguration", null, client.GetAutomatedDiscoveryConfigurationAsync, ct);
            var jobs = 0;
            var listed = await context.PageAsync(Service, region, "ListClassificationJobs", null, client.ListClassificationJobsAsync, p => p.NextToken, p => jobs += p.ItemCount, ct);
            if (discovery.Succeeded && listed)
            {
                byRegion[region] = new MacieRegion(session.Value!, discovery.Value == "ENABLED", jobs);
            }
        }, cancellationToken);

        var data = new MacieData { Regions = MonitoringCollector.Sorted(byRegion) };
        return inventory => inventory with { Macie = data };
    }

    // Macie answers a disabled account with AccessDeniedException "Macie is not enabled" (or ResourceNotFoundException).
    private static bool IsNotEnabled(AmazonServiceException ex) =>
        ex.ErrorCode == "ResourceNotFoundException"
        || (ex.ErrorCode is "AccessDeniedException" or "AccessDenied" && ex.Message.Contains("not enabled", StringComparison.OrdinalIgnoreCase));
}
