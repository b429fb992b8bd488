using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record DescribeAlarmsResponse(IReadOnlyList<MetricAlarm> MetricAlarms, string? NextToken);

/// <summary>CloudWatch over the query protocol (see aws-wire-notes.md on model drift), shaped like AWSSDK.CloudWatch.</summary>
public sealed class CloudWatchClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.CloudWatch, region)
{
    public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(string? nextToken, CancellationToken cancellationToken) =>
        XmlAsync(new AwsOperation("DescribeAlarms").With("AlarmTypes.member.1", "MetricAlarm").With("NextToken", nextToken), result => new DescribeAlarmsResponse(
            result.Members("MetricAlarms").Select(a => new MetricAlarm(a.Str("AlarmName") ?? "", a.Str("AlarmArn") ?? "", a.Str("MetricName"), a.Str("Namespace"),
                a.Members("AlarmActions").Select(x => x.Value).ToList(), a.NBool("ActionsEnabled") ?? true)).ToList(),
            result.Str("NextToken")), cancellationToken);
}
