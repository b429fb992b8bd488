using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

/// <summary>Builds an inventory with one complete monitoring chain (trail → log group → filter → alarm → topic → confirmed subscription) to break in tests.</summary>
internal static class AlarmChainInventory
{
    public const string Region = "us-east-1";
    public const string LogGroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail-audit:*";
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:security-alerts";
    public const string Namespace = "SecurityMonitoring";
    public const string Metric = "ChainMetric";

    public static Trail Trail(string name = "audit") => new()
    {
        Name = name,
        Arn = $"arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}",
        HomeRegion = Region,
        IsMultiRegionTrail = true,
        IsLogging = true,
        LogFileValidationEnabled = true,
        CloudWatchLogsLogGroupArn = LogGroupArn,
        EventSelectors = [new EventSelector("All", true, [], [])],
    };

    public static MetricFilter Filter(string pattern, string metric = Metric, string metricNamespace = Namespace) =>
        new("cis-filter", "cloudtrail-audit", pattern, [new MetricTransformation(metric, metricNamespace)]);

    public static MetricAlarm Alarm(string metric = Metric, string metricNamespace = Namespace, IReadOnlyList<string>? actions = null, bool actionsEnabled = true) =>
        new("cis-alarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cis-alarm", metric, metricNamespace, actions ?? [TopicArn], actionsEnabled);

    public static SnsSubscription Confirmed() =>
        new("arn:aws:sns:us-east-1:123456789012:security-alerts:0b5a3c1e-1111-2222-3333-444455556666", "email", "secops@kelpline.example");

    public static AccountInventory Build(string pattern) => Build([Trail()], [Filter(pattern)], [Alarm()], [Confirmed()]);

    public static AccountInventory Build(IReadOnlyList<Trail> trails, IReadOnlyList<MetricFilter> filters, IReadOnlyList<MetricAlarm> alarms,
        IReadOnlyList<SnsSubscription> subscriptions, string logGroupKey = LogGroupArn, string alarmRegion = Region) =>
        TestInventory.Empty() with
        {
            CloudTrail = new CloudTrailData { Trails = trails },
            Monitoring = new MonitoringData
            {
                MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>> { [logGroupKey] = filters },
                AlarmsByRegion = new Dictionary<string, IReadOnlyList<MetricAlarm>> { [alarmRegion] = alarms },
                SubscriptionsByTopicArn = new Dictionary<string, IReadOnlyList<SnsSubscription>> { [TopicArn] = subscriptions },
            },
        };
}
