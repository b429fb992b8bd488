using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// CloudTrail: DescribeTrails (with shadow trails) in every region, de-duplicated by ARN; then status and event
/// selectors once per trail, asked by ARN in the trail's home region (when that region is in scope).
/// </summary>
public sealed class CloudTrailCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"];

    private const string Service = "cloudtrail";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, TrailInfo>(StringComparer.Ordinal);
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var trails = await context.CallAsync(Service, region, "DescribeTrails", null, new CloudTrailClient(context.Transport, region).DescribeTrailsAsync, ct);
            foreach (var trail in trails.Value ?? [])
            {
                found.TryAdd(trail.TrailARN, trail);
            }
        }, cancellationToken);

        var trailsInScope = found.Values.OrderBy(t => t.TrailARN, StringComparer.Ordinal).ToList();
        var results = new ConcurrentDictionary<string, Trail>(StringComparer.Ordinal);
        await CollectionContext.ForEachAsync(trailsInScope, context.Options.MaxConcurrentUnits, async (trail, ct) =>
        {
            // Status and selectors live in the home region; a trail homed outside the scope is reported as found, unread.
            var home = context.Regions.Contains(trail.HomeRegion, StringComparer.Ordinal) ? trail.HomeRegion : null;
            GetTrailStatusResponse? status = null;
            GetEventSelectorsResponse? selectors = null;
            if (home is not null)
            {
                var client = new CloudTrailClient(context.Transport, home);
                status = (await context.CallAsync(Service, home, "GetTrailStatus", trail.TrailARN, c => client.GetTrailStatusAsync(trail.TrailARN, c), ct)).Value;
                selectors = (await context.CallAsync(Service, home, "GetEventSelectors", trail.TrailARN, c => client.GetEventSelectorsAsync(trail.TrailARN, c), ct)).Value;
            }

            results[trail.TrailARN] = new Trail
            {
                Name = trail.Name,
                Arn = trail.TrailARN,
                HomeRegion = trail.HomeRegion,
                IsMultiRegionTrail = trail.IsMultiRegionTrail,
                IsOrganizationTrail = trail.IsOrganizationTrail,
                LogFileValidationEnabled = trail.LogFileValidationEnabled,
                KmsKeyId = trail.KmsKeyId,
                S3BucketName = trail.S3BucketName,
                CloudWatchLogsLogGroupArn = trail.CloudWatchLogsLogGroupArn,
                IsLogging = status?.IsLogging,
                LatestDeliveryError = status?.LatestDeliveryError,
                EventSelectors = selectors?.EventSelectors ?? [],
                AdvancedEventSelectors = selectors?.AdvancedEventSelectors ?? [],
            };
        }, cancellationToken);

        var data = new CloudTrailData { Trails = results.Values.OrderBy(t => t.Arn, StringComparer.Ordinal).ToList() };
        return inventory => inventory with { CloudTrail = data };
    }
}
