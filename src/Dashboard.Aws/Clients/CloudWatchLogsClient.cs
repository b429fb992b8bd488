using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record DescribeMetricFiltersResponse(IReadOnlyList<MetricFilter> MetricFilters, string? NextToken);

/// <summary>CloudWatch Logs (JSON 1.1), shaped like AWSSDK.CloudWatchLogs.</summary>
public sealed class CloudWatchLogsClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.CloudWatchLogs, region)
{
    public Task<DescribeMetricFiltersResponse> DescribeMetricFiltersAsync(string logGroupName, string? nextToken, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["logGroupName"] = logGroupName };
        if (nextToken is not null)
        {
            body["nextToken"] = nextToken;
        }

        return JsonAsync(new AwsOperation("DescribeMetricFilters") { Body = body }, root => new DescribeMetricFiltersResponse(
            root.Arr("metricFilters").Select(f => new MetricFilter(f.Str("filterName") ?? "", f.Str("logGroupName") ?? logGroupName, f.Str("filterPattern") ?? "",
                f.Arr("metricTransformations").Select(t => new MetricTransformation(t.Str("metricName") ?? "", t.Str("metricNamespace") ?? "")).ToList())).ToList(),
            root.Str("nextToken")), cancellationToken);
    }
}
