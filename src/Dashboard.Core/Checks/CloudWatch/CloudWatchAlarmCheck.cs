using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>
/// The CIS v5 4.1-4.15 chain, written once: a multi-Region, logging trail with all management events sends them to a CloudWatch
/// Logs group; a metric filter on that group matches the control's terms (<see cref="MetricFilterPattern"/>); an alarm in the
/// group's Region watches the filter's metric (same name and namespace); the alarm notifies an SNS topic; the topic has a
/// confirmed subscription. One account-level result. CIS calls these Manual because a SIEM or an EventBridge rule may do the
/// same job: we still evaluate the chain and say in every Fail that such an alternative can be accepted in triage.
/// </summary>
public abstract class CloudWatchAlarmCheck : Check
{
    private const string Triage = " CIS treats this control as manual: if an equivalent alert exists in a SIEM or an EventBridge rule, accept this finding in triage.";
    private const string Namespace = "SecurityMonitoring";

    private const TrailRequirement QualifyingTrail = TrailRequirement.AllManagementEvents | TrailRequirement.CloudWatchLogs;

    private static readonly DataSource[] ChainSources =
    [
        Sources.CloudTrailDescribeTrails, Sources.CloudTrailTrailStatus, Sources.CloudTrailEventSelectors,
        Sources.LogsMetricFilters, Sources.CloudWatchAlarms, Sources.SnsTopicSubscriptions,
    ];

    /// <summary>Accepted term sets; a filter that meets any one of them counts. The first is shown in remediation.</summary>
    private protected abstract IReadOnlyList<FilterRequirement> Accepted { get; }

    /// <summary>Metadata shared by all chain checks, with remediation built from the control's own filter pattern.</summary>
    private protected static CheckMetadata Describe(string id, string title, Severity severity, string rationale, string metricName, FilterRequirement requirement)
    {
        var pattern = requirement.ToPattern();
        return new CheckMetadata
        {
            Id = id,
            Title = title,
            Service = "cloudwatch",
            ResourceType = "AWS::::Account",
            Severity = severity,
            Rationale = rationale,
            Remediation = new Remediation(
                Steps: "On the CloudWatch Logs group of your multi-Region trail (CloudTrail > trail > CloudWatch Logs), create a metric filter with the pattern "
                    + "shown in the CLI example, an alarm on its metric (Sum >= 1 over 5 minutes) and an SNS topic with a confirmed subscription (e-mail, "
                    + "chat or paging integration) as the alarm action. If a SIEM or an EventBridge rule already alerts on these events, record that and accept the finding.",
                Cli: $"aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name {metricName} \\\n"
                    + $"  --metric-transformations metricName={metricName},metricNamespace={Namespace},metricValue=1 \\\n"
                    + $"  --filter-pattern '{pattern}'\n"
                    + "aws sns create-topic --name security-alerts\n"
                    + "aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint <security-team-address>\n"
                    + $"aws cloudwatch put-metric-alarm --alarm-name {metricName} --metric-name {metricName} --namespace {Namespace} \\\n"
                    + "  --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 \\\n"
                    + "  --comparison-operator GreaterThanOrEqualToThreshold --treat-missing-data notBreaching --alarm-actions <topic-arn>",
                Terraform: $"resource \"aws_cloudwatch_log_metric_filter\" \"{metricName}\" {{\n"
                    + $"  name           = \"{metricName}\"\n"
                    + "  log_group_name = aws_cloudwatch_log_group.trail.name\n"
                    + "  pattern        = <<-EOT\n"
                    + $"    {pattern}\n"
                    + "  EOT\n"
                    + "  metric_transformation {\n"
                    + $"    name      = \"{metricName}\"\n"
                    + $"    namespace = \"{Namespace}\"\n"
                    + "    value     = \"1\"\n"
                    + "  }\n"
                    + "}\n"
                    + $"resource \"aws_cloudwatch_metric_alarm\" \"{metricName}\" {{\n"
                    + $"  alarm_name          = \"{metricName}\"\n"
                    + $"  metric_name         = \"{metricName}\"\n"
                    + $"  namespace           = \"{Namespace}\"\n"
                    + "  statistic           = \"Sum\"\n"
                    + "  period              = 300\n"
                    + "  evaluation_periods  = 1\n"
                    + "  threshold           = 1\n"
                    + "  comparison_operator = \"GreaterThanOrEqualToThreshold\"\n"
                    + "  treat_missing_data  = \"notBreaching\"\n"
                    + "  alarm_actions       = [aws_sns_topic.security_alerts.arn]\n"
                    + "}"),
            References =
            [
                "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
                "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html",
                "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
            ],
            DataSources = ChainSources,
        };
    }

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var accountId = context.Inventory.AccountId;
        if (context.FirstError(Sources.CloudTrailDescribeTrails) is { } listError)
        {
            yield return Error(Regions.Global, accountId, null, listError);
            yield break;
        }

        var assessments = context.Inventory.CloudTrail.Trails.Select(t => TrailRequirements.Assess(context, t, QualifyingTrail)).ToList();
        var qualifying = assessments.Where(a => a.Qualifies).Select(a => a.Trail).ToList();
        if (qualifying.Count == 0)
        {
            if (assessments.FirstOrDefault(a => a.Undecided) is { } undecided)
            {
                yield return undecided.UnknownError is { } error
                    ? Error(Regions.Global, accountId, null, error)
                    : Result(ResultStatus.Error, Regions.Global, accountId, null, $"trail {undecided.Trail.Name}: {undecided.Unknown}", []);
                yield break;
            }

            var reason = assessments.Count == 0
                ? "the account has no CloudTrail trail, so no metric filter can watch its API activity."
                : $"no trail {TrailRequirements.Describe(QualifyingTrail)}; the closest, {TrailRequirements.Closest(assessments).Trail.Name}, "
                    + string.Join(", ", TrailRequirements.Closest(assessments).Missing) + ".";
            yield return Fail(Regions.Global, accountId, null, reason + Triage, ("requiredPattern", Accepted[0].ToPattern()));
            yield break;
        }

        var outcomes = qualifying.Select(t => Follow(context, t)).ToList();
        if (outcomes.FirstOrDefault(o => o.Complete) is { } complete)
        {
            yield return Pass(Regions.Global, accountId, null, complete.Reason, [.. complete.Evidence]);
            yield break;
        }

        if (outcomes.FirstOrDefault(o => o.Unknown is not null) is { } unknown)
        {
            yield return unknown.UnknownError is { } error
                ? Error(Regions.Global, accountId, null, error)
                : Result(ResultStatus.Error, Regions.Global, accountId, null, unknown.Unknown!, [.. unknown.Evidence]);
            yield break;
        }

        var furthest = outcomes.OrderByDescending(o => o.Stage).First();
        yield return Fail(Regions.Global, accountId, null, furthest.Reason + "." + Triage,
            [.. furthest.Evidence, ("requiredPattern", Accepted[0].ToPattern())]);
    }

    /// <summary>How far one trail's chain got: Stage 0 no matching filter, 1 no alarm, 2 no SNS action, 3 no confirmed subscription, 4 complete.</summary>
    private sealed record Outcome(int Stage, string Reason, List<(string, string)> Evidence, string? Unknown = null, CollectionError? UnknownError = null)
    {
        public bool Complete => Stage == 4;
    }

    private Outcome Follow(EvaluationContext context, Trail trail)
    {
        var monitoring = context.Inventory.Monitoring;
        var logGroupArn = trail.CloudWatchLogsLogGroupArn!;
        var region = ArnPart(logGroupArn, 3) ?? trail.HomeRegion;
        var logGroup = LogGroupName(logGroupArn);
        var evidence = new List<(string, string)> { ("trail", trail.Arn), ("logGroup", logGroupArn) };

        var filters = FiltersOf(monitoring, logGroupArn);
        if (filters is null)
        {
            var error = RegionalError(context, Sources.LogsMetricFilters, region, logGroupArn, logGroup, TrimWildcard(logGroupArn));
            return new Outcome(0, "", evidence, $"metric filters of log group {logGroup} were not collected", error);
        }

        var matching = filters.Where(f => Accepted.Any(r => MetricFilterPattern.Match(f.FilterPattern, r).Matched)).ToList();
        if (matching.Count == 0)
        {
            var closest = filters
                .Select(f => (Filter: f, Match: MetricFilterPattern.Match(f.FilterPattern, Accepted[0])))
                .OrderBy(x => x.Match.MissingTerms.Count)
                .FirstOrDefault();
            if (closest.Filter is not null)
            {
                evidence.Add(("closestFilter", closest.Filter.FilterName));
                evidence.Add(("closestFilterPattern", closest.Filter.FilterPattern));
                evidence.Add(("closestFilterGap", closest.Match.Describe()));
            }

            return new Outcome(0, $"log group {logGroup} of trail {trail.Name} has no metric filter with the required terms", evidence);
        }

        Outcome best = new(1, "", evidence);
        foreach (var filter in matching)
        {
            foreach (var metric in filter.MetricTransformations)
            {
                var filterEvidence = new List<(string, string)>(evidence)
                {
                    ("metricFilter", filter.FilterName),
                    ("filterPattern", filter.FilterPattern),
                    ("metric", $"{metric.MetricNamespace}/{metric.MetricName}"),
                    ("filterStructureChecked", Accepted.Select(r => MetricFilterPattern.Match(filter.FilterPattern, r)).First(m => m.Matched).StructureChecked
                        ? "true" : "false (pattern not parsed; only the presence of the terms was checked)"),
                };
                var outcome = FollowMetric(context, region, filter, metric, filterEvidence);
                if (outcome.Complete || outcome.Unknown is not null)
                {
                    return outcome;
                }

                best = outcome.Stage >= best.Stage && outcome.Reason.Length > 0 ? outcome : best;
            }
        }

        return best.Reason.Length > 0 ? best : best with { Reason = $"metric filter {matching[0].FilterName} has no metric to alarm on" };
    }

    private static Outcome FollowMetric(EvaluationContext context, string region, MetricFilter filter, MetricTransformation metric, List<(string, string)> evidence)
    {
        var monitoring = context.Inventory.Monitoring;
        if (!monitoring.AlarmsByRegion.TryGetValue(region, out var regionAlarms))
        {
            var error = RegionalError(context, Sources.CloudWatchAlarms, region);
            return new Outcome(1, "", evidence, $"CloudWatch alarms in {region} were not collected", error);
        }

        var alarms = regionAlarms
            .Where(a => string.Equals(a.MetricName, metric.MetricName, StringComparison.Ordinal)
                && string.Equals(a.Namespace, metric.MetricNamespace, StringComparison.Ordinal))
            .ToList();
        if (alarms.Count == 0)
        {
            return new Outcome(1, $"metric filter {filter.FilterName} matches, but no alarm in {region} watches its metric {metric.MetricNamespace}/{metric.MetricName}", evidence);
        }

        Outcome best = new(2, $"alarm {alarms[0].AlarmName} does not notify an SNS topic", [.. evidence, ("alarm", alarms[0].AlarmArn)]);
        foreach (var alarm in alarms)
        {
            var alarmEvidence = new List<(string, string)>(evidence) { ("alarm", alarm.AlarmArn) };
            var topics = alarm.AlarmActions.Where(a => ArnPart(a, 2) == "sns").ToList();
            if (topics.Count == 0 || !alarm.ActionsEnabled)
            {
                if (!alarm.ActionsEnabled && topics.Count > 0 && best.Stage == 2)
                {
                    best = best with { Reason = $"alarm {alarm.AlarmName} has its actions disabled, so it notifies nobody", Evidence = alarmEvidence };
                }

                continue;
            }

            foreach (var topic in topics)
            {
                var topicEvidence = new List<(string, string)>(alarmEvidence) { ("snsTopic", topic) };
                if (!monitoring.SubscriptionsByTopicArn.TryGetValue(topic, out var subscriptions))
                {
                    var error = RegionalError(context, Sources.SnsTopicSubscriptions, ArnPart(topic, 3) ?? region, topic);
                    return new Outcome(3, "", topicEvidence, $"subscriptions of SNS topic {topic} were not collected", error);
                }

                if (subscriptions.FirstOrDefault(s => s.IsConfirmed) is { } confirmed)
                {
                    topicEvidence.Add(("subscriptionProtocol", confirmed.Protocol));
                    return new Outcome(4, $"metric filter {filter.FilterName} feeds alarm {alarm.AlarmName}, which notifies SNS topic {TopicName(topic)} "
                        + $"with a confirmed {confirmed.Protocol} subscription", topicEvidence);
                }

                best = new Outcome(3, $"alarm {alarm.AlarmName} notifies SNS topic {TopicName(topic)}, which has no confirmed subscription",
                    [.. topicEvidence, ("subscriptions", subscriptions.Count == 0 ? "none" : string.Join(", ", subscriptions.Select(s => $"{s.Protocol}:{s.SubscriptionArn}")))]);
            }
        }

        return best;
    }

    /// <summary>Filters of a log group, whether the inventory keys it with or without the trailing ":*" that trails put on the ARN.</summary>
    private static IReadOnlyList<MetricFilter>? FiltersOf(MonitoringData monitoring, string logGroupArn)
    {
        var trimmed = TrimWildcard(logGroupArn);
        foreach (var key in new[] { logGroupArn, trimmed, trimmed + ":*" })
        {
            if (monitoring.MetricFiltersByLogGroupArn.TryGetValue(key, out var filters))
            {
                return filters;
            }
        }

        return null;
    }

    /// <summary>A failed call of this source in the Region that was a list call or about one of the given resources.</summary>
    private static CollectionError? RegionalError(EvaluationContext context, DataSource source, string region, params string[] resourceIds) =>
        context.Inventory.Errors.FirstOrDefault(e => source.Produced(e)
            && string.Equals(e.Region, region, StringComparison.Ordinal)
            && (e.ResourceId is null || resourceIds.Contains(e.ResourceId, StringComparer.Ordinal)));

    private static string TrimWildcard(string arn) => arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn;

    /// <summary>arn:partition:service:region:account:resource; index 2 is the service, 3 the Region.</summary>
    private static string? ArnPart(string arn, int index)
    {
        var parts = arn.Split(':');
        return parts.Length > 5 && parts[0] == "arn" && parts[index].Length > 0 ? parts[index] : null;
    }

    private static string LogGroupName(string arn)
    {
        const string marker = ":log-group:";
        var start = arn.IndexOf(marker, StringComparison.Ordinal);
        return start < 0 ? arn : TrimWildcard(arn[(start + marker.Length)..]);
    }

    private static string TopicName(string arn) => arn[(arn.LastIndexOf(':') + 1)..];
}
