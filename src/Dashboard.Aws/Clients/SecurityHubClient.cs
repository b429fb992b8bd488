using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

public sealed record DescribeHubResponse(string HubArn, DateTimeOffset? SubscribedAt);

public sealed record GetEnabledStandardsResponse(IReadOnlyList<string> StandardsArns, string? NextToken);

/// <summary>Security Hub (REST-JSON), shaped like AWSSDK.SecurityHub.</summary>
public sealed class SecurityHubClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.SecurityHub, region)
{
    public Task<DescribeHubResponse> DescribeHubAsync(CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("DescribeHub", "GET", "/accounts"),
            root => new DescribeHubResponse(root.Str("HubArn") ?? "", root.Date("SubscribedAt")), cancellationToken);

    public Task<GetEnabledStandardsResponse> GetEnabledStandardsAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("GetEnabledStandards", "POST", "/standards/get");
        operation.Body = nextToken is null ? [] : new JsonObject { ["NextToken"] = nextToken };
        return JsonAsync(operation, root => new GetEnabledStandardsResponse(
            root.Arr("StandardsSubscriptions").Where(s => s.Str("StandardsStatus") is null or "READY" or "PENDING" or "INCOMPLETE")
                .Select(s => s.Str("StandardsArn") ?? "").ToList(),
            root.Str("NextToken")), cancellationToken);
    }
}
