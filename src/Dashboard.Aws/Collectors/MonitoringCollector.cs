using System.Collections.Concurrent;
using Dashboard.Aws.Access;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// The CIS monitoring chain, from the trails already collected: metric filters of each trail's log group (in the log
/// group's region), the metric alarms of those regions, and the subscriptions of every SNS topic an alarm notifies.
/// Regions outside the scan's scope are not called.
/// </summary>
public sealed class MonitoringCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms", "sns:ListSubscriptionsByTopic"];

    public string Name => "monitoring";
    public IReadOnlyList<string> IamActions => Actions;
    public bool DependsOnOtherCollectors => true;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var logGroups = soFar.CloudTrail.Trails
            .Select(t => t.CloudWatchLogsLogGroupArn)
            .Where(a => a is not null)
            .Distinct(StringComparer.Ordinal)
            .Select(a => (Arn: a!, Parsed: Arn.TryParse(a, out var arn) ? arn : null))
            .Where(g => g.Parsed is not null && context.Regions.Contains(g.Parsed.Region, StringComparer.Ordinal))
            .ToList();

        var filters = new ConcurrentDictionary<string, IReadOnlyList<MetricFilter>>(StringComparer.Ordinal);
        await CollectionContext.ForEachAsync(logGroups, context.Options.MaxConcurrentUnits, async (group, ct) =>
        {
            // log-group:NAME or log-group:NAME:*
            var name = group.Parsed!.Resource["log-group:".Length..];
            if (name.EndsWith(":*", StringComparison.Ordinal))
            {
                name = name[..^2];
            }

            var client = new CloudWatchLogsClient(context.Transport, group.Parsed.Region);
            var list = new List<MetricFilter>();
            if (await context.PageAsync("logs", group.Parsed.Region, "DescribeMetricFilters", group.Arn,
                    (token, c) => client.DescribeMetricFiltersAsync(name, token, c), p => p.NextToken, p => list.AddRange(p.MetricFilters), ct))
            {
                filters[group.Arn] = list;
            }
        }, cancellationToken);

        var alarms = new ConcurrentDictionary<string, IReadOnlyList<MetricAlarm>>(StringComparer.Ordinal);
        await CollectionContext.ForEachAsync(logGroups.Select(g => g.Parsed!.Region).Distinct(StringComparer.Ordinal), context.Options.MaxConcurrentUnits, async (region, ct) =>
        {
            var client = new CloudWatchClient(context.Transport, region);
            var list = new List<MetricAlarm>();
            if (await context.PageAsync("cloudwatch", region, "DescribeAlarms", null, client.DescribeAlarmsAsync, p => p.NextToken, p => list.AddRange(p.MetricAlarms), ct))
            {
                alarms[region] = list;
            }
        }, cancellationToken);

        var topics = alarms.Values.SelectMany(a => a).SelectMany(a => a.AlarmActions)
            .Where(a => a.StartsWith("arn:", StringComparison.Ordinal) && a.Contains(":sns:", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(a => (Arn: a, Region: Arn.Parse(a).Region))
            .Where(t => context.Regions.Contains(t.Region, StringComparer.Ordinal))
            .ToList();
        var subscriptions = new ConcurrentDictionary<string, IReadOnlyList<SnsSubscription>>(StringComparer.Ordinal);
        await CollectionContext.ForEachAsync(topics, context.Options.MaxConcurrentUnits, async (topic, ct) =>
        {
            var client = new SnsClient(context.Transport, topic.Region);
            var list = new List<SnsSubscription>();
            if (await context.PageAsync("sns", topic.Region, "ListSubscriptionsByTopic", topic.Arn,
                    (token, c) => client.ListSubscriptionsByTopicAsync(topic.Arn, token, c), p => p.NextToken, p => list.AddRange(p.Subscriptions), ct))
            {
                subscriptions[topic.Arn] = list;
            }
        }, cancellationToken);

        var data = new MonitoringData
        {
            MetricFiltersByLogGroupArn = Sorted(filters),
            AlarmsByRegion = Sorted(alarms),
            SubscriptionsByTopicArn = Sorted(subscriptions),
        };
        return inventory => inventory with { Monitoring = data };
    }

    internal static SortedDictionary<string, T> Sorted<T>(IDictionary<string, T> source) => new(source, StringComparer.Ordinal);
}
