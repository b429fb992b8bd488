using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>AWS Config per region: recorders joined with their status, and delivery channels.</summary>
public sealed class ConfigCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
        ["config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus", "config:DescribeDeliveryChannels"];

    private const string Service = "config";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var byRegion = new ConcurrentDictionary<string, ConfigRegion>(StringComparer.Ordinal);
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new ConfigServiceClient(context.Transport, region);
            var recorders = await context.CallAsync(Service, region, "DescribeConfigurationRecorders", null, client.DescribeConfigurationRecordersAsync, ct);
            var status = await context.CallAsync(Service, region, "DescribeConfigurationRecorderStatus", null, client.DescribeConfigurationRecorderStatusAsync, ct);
            var channels = await context.CallAsync(Service, region, "DescribeDeliveryChannels", null, client.DescribeDeliveryChannelsAsync, ct);
            if (!recorders.Succeeded || !status.Succeeded || !channels.Succeeded)
            {
                return;
            }

            byRegion[region] = new ConfigRegion
            {
                Recorders = recorders.Value!.Select(r =>
                {
                    var s = status.Value!.FirstOrDefault(x => x.Name == r.Name);
                    return new ConfigurationRecorder(r.Name, r.AllSupported, r.IncludeGlobalResourceTypes, r.RecordingStrategy, s?.Recording ?? false, s?.LastStatus);
                }).ToList(),
                DeliveryChannelNames = channels.Value!,
            };
        }, cancellationToken);

        var data = new ConfigData { Regions = MonitoringCollector.Sorted(byRegion) };
        return inventory => inventory with { Config = data };
    }
}
