using Dashboard.Core.Inventory;
using FakeAws.Wire;
using static FakeAws.Wire.X;

namespace FakeAws.Services;

/// <summary>RDS (AWS Query; its lists use named members such as &lt;DBInstance&gt;).</summary>
public sealed class RdsService : ServiceHandler
{
    public RdsService()
    {
        On("DescribeDBInstances", DescribeDbInstances);
        On("DescribeDBClusters", DescribeDbClusters);
    }

    public override ServiceInfo Info => ServiceInfo.All["rds"];

    public override string? Resource(Call call) => call.P("DBInstanceIdentifier") ?? call.P("DBClusterIdentifier");

    private static System.Xml.Linq.XElement Tags(IReadOnlyDictionary<string, string> tags) =>
        new("TagList", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => E("Tag", E("Key", t.Key), E("Value", t.Value))));

    private static object DescribeDbInstances(Call call)
    {
        var id = call.P("DBInstanceIdentifier");
        var all = call.Inventory.Rds.Instances.Where(i => i.Region == call.Region && (id is null || i.DbInstanceIdentifier == id || i.Arn == id)).ToArray();
        if (id is not null && all.Length == 0)
        {
            throw new AwsException("DBInstanceNotFound", $"DBInstance {id} not found.", 404);
        }

        var (page, next) = call.Page(all, call.P("Marker"), call.PInt("MaxRecords"), 100);
        return new object?[]
        {
            next is null ? null : E("Marker", next),
            new System.Xml.Linq.XElement("DBInstances", page.Select(i => E("DBInstance",
                E("DBInstanceIdentifier", i.DbInstanceIdentifier), E("DBInstanceClass", "db.t3.medium"), E("Engine", i.Engine),
                E("DBInstanceStatus", "available"),
                E("Endpoint", E("Address", $"{i.DbInstanceIdentifier}.abcdefghijkl.{i.Region}.rds.amazonaws.com"), E("Port", 5432)),
                E("InstanceCreateTime", call.Inventory.CollectedAt.AddDays(-250)),
                new System.Xml.Linq.XElement("VpcSecurityGroups", i.VpcSecurityGroupIds.Select(g => E("VpcSecurityGroupMembership", E("VpcSecurityGroupId", g), E("Status", "active")))),
                i.DbSubnetGroupName is null ? null : E("DBSubnetGroup", E("DBSubnetGroupName", i.DbSubnetGroupName), E("SubnetGroupStatus", "Complete"),
                    new System.Xml.Linq.XElement("Subnets", i.SubnetIds.Select(s => E("Subnet", E("SubnetIdentifier", s), E("SubnetStatus", "Active"))))),
                E("MultiAZ", i.MultiAz), E("AutoMinorVersionUpgrade", i.AutoMinorVersionUpgrade), E("PubliclyAccessible", i.PubliclyAccessible),
                E("DBClusterIdentifier", i.DbClusterIdentifier), E("StorageEncrypted", i.StorageEncrypted), E("KmsKeyId", i.KmsKeyId),
                E("DBInstanceArn", i.Arn), Tags(i.Tags)))),
        };
    }

    private static object DescribeDbClusters(Call call)
    {
        var id = call.P("DBClusterIdentifier");
        var all = call.Inventory.Rds.Clusters.Where(c => c.Region == call.Region && (id is null || c.DbClusterIdentifier == id || c.Arn == id)).ToArray();
        if (id is not null && all.Length == 0)
        {
            throw new AwsException("DBClusterNotFoundFault", $"DBCluster {id} not found.", 404);
        }

        var (page, next) = call.Page(all, call.P("Marker"), call.PInt("MaxRecords"), 100);
        return new object?[]
        {
            next is null ? null : E("Marker", next),
            new System.Xml.Linq.XElement("DBClusters", page.Select(c => E("DBCluster",
                E("DBClusterIdentifier", c.DbClusterIdentifier), E("Status", "available"), E("MultiAZ", c.MultiAz), E("Engine", c.Engine),
                E("StorageEncrypted", c.StorageEncrypted), E("DBClusterArn", c.Arn), Tags(c.Tags)))),
        };
    }
}

public sealed class SnsService : ServiceHandler
{
    public SnsService()
    {
        On("ListSubscriptionsByTopic", ListSubscriptionsByTopic);
    }

    public override ServiceInfo Info => ServiceInfo.All["sns"];

    public override string? Resource(Call call) => call.P("TopicArn");

    private static object ListSubscriptionsByTopic(Call call)
    {
        var topic = call.P("TopicArn") ?? "";
        if (topic.Split(':') is not [_, _, _, var region, _, _] || region != call.Region
            || !call.Inventory.Monitoring.SubscriptionsByTopicArn.TryGetValue(topic, out var subscriptions))
        {
            throw new AwsException("NotFound", "Topic does not exist", 404);
        }

        var (page, next) = call.Page(subscriptions, call.P("NextToken"), null, 100);
        return new object?[]
        {
            Members("Subscriptions", page, s => [E("SubscriptionArn", s.SubscriptionArn), E("Owner", call.Inventory.AccountId), E("Protocol", s.Protocol), E("Endpoint", s.Endpoint), E("TopicArn", topic)]),
            next is null ? null : E("NextToken", next),
        };
    }
}

/// <summary>CloudWatch over AWS Query, the protocol the Debian botocore model gives it.</summary>
public sealed class CloudWatchService : ServiceHandler
{
    public CloudWatchService()
    {
        On("DescribeAlarms", DescribeAlarms);
    }

    public override ServiceInfo Info => ServiceInfo.All["monitoring"];

    /// <summary>The alarms a DescribeAlarms call selects (names, prefix, types), one page of them and the next token.</summary>
    internal static (IReadOnlyList<MetricAlarm> Page, string? Next) Select(Call call, IReadOnlyList<string> names, string? prefix, IReadOnlyList<string> types, string? token, int? max)
    {
        var alarms = (call.Inventory.Monitoring.AlarmsByRegion.GetValueOrDefault(call.Region) ?? [])
            .Where(a => (names.Count == 0 || names.Contains(a.AlarmName)) && (prefix is null || a.AlarmName.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(_ => types.Count == 0 || types.Contains("MetricAlarm"))
            .ToArray();
        return call.Page(alarms, token, max, 50);
    }

    private static object DescribeAlarms(Call call)
    {
        var (page, next) = Select(call, call.PList("AlarmNames"), call.P("AlarmNamePrefix"), call.PList("AlarmTypes"), call.P("NextToken"), call.PInt("MaxRecords"));
        var updated = call.Inventory.CollectedAt.AddDays(-60);
        return new object?[]
        {
            new System.Xml.Linq.XElement("CompositeAlarms"),
            Members("MetricAlarms", page, a =>
            [
                E("AlarmName", a.AlarmName), E("AlarmArn", a.AlarmArn), E("AlarmConfigurationUpdatedTimestamp", updated),
                E("ActionsEnabled", a.ActionsEnabled), new System.Xml.Linq.XElement("OKActions"), MemberStrings("AlarmActions", a.AlarmActions),
                new System.Xml.Linq.XElement("InsufficientDataActions"), E("StateValue", "OK"), E("StateReason", "Threshold Crossed: no datapoints were received."),
                E("StateUpdatedTimestamp", updated), E("MetricName", a.MetricName), E("Namespace", a.Namespace), E("Statistic", "Sum"),
                new System.Xml.Linq.XElement("Dimensions"), E("Period", 300), E("EvaluationPeriods", 1), E("Threshold", 1.0),
                E("ComparisonOperator", "GreaterThanOrEqualToThreshold"), E("TreatMissingData", "notBreaching"),
            ]),
            next is null ? null : E("NextToken", next),
        };
    }
}

/// <summary>The same CloudWatch data over AWS JSON 1.0.</summary>
public sealed class CloudWatchJsonService : ServiceHandler
{
    public CloudWatchJsonService()
    {
        On("DescribeAlarms", DescribeAlarms);
    }

    public override ServiceInfo Info => ServiceInfo.CloudWatchJson;

    private static object DescribeAlarms(Call call)
    {
        var (page, next) = CloudWatchService.Select(call, call.JList("AlarmNames"), call.J("AlarmNamePrefix"), call.JList("AlarmTypes"), call.J("NextToken"), call.JInt("MaxRecords"));
        var updated = call.Inventory.CollectedAt.AddDays(-60);
        return J.O(
            ("CompositeAlarms", new System.Text.Json.Nodes.JsonArray()),
            ("MetricAlarms", J.A(page, a => J.O(
                ("AlarmName", a.AlarmName), ("AlarmArn", a.AlarmArn), ("AlarmConfigurationUpdatedTimestamp", updated),
                ("ActionsEnabled", a.ActionsEnabled), ("OKActions", new System.Text.Json.Nodes.JsonArray()), ("AlarmActions", J.Strings(a.AlarmActions)),
                ("InsufficientDataActions", new System.Text.Json.Nodes.JsonArray()), ("StateValue", "OK"), ("StateReason", "Threshold Crossed: no datapoints were received."),
                ("StateUpdatedTimestamp", updated), ("MetricName", a.MetricName), ("Namespace", a.Namespace), ("Statistic", "Sum"),
                ("Dimensions", new System.Text.Json.Nodes.JsonArray()), ("Period", 300), ("EvaluationPeriods", 1), ("Threshold", 1.0),
                ("ComparisonOperator", "GreaterThanOrEqualToThreshold"), ("TreatMissingData", "notBreaching")))),
            ("NextToken", next));
    }
}

internal static class MonitoringExtensions
{
    /// <summary>The region and name of a log group ARN: arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*].</summary>
    public static (string Region, string Name)? ParseLogGroupArn(string arn) =>
        arn.Split(':') is [_, _, "logs", var region, _, "log-group", var name, ..] ? (region, name) : null;

    public static IEnumerable<MetricFilter> FiltersIn(this AccountInventory inventory, string region) =>
        inventory.Monitoring.MetricFiltersByLogGroupArn
            .Where(e => ParseLogGroupArn(e.Key)?.Region == region)
            .SelectMany(e => e.Value);
}
