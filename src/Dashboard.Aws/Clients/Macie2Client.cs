using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

public sealed record ListClassificationJobsResponse(int ItemCount, string? NextToken);

/// <summary>Macie (REST-JSON), shaped like AWSSDK.Macie2.</summary>
public sealed class Macie2Client(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Macie2, region)
{
    /// <summary>The session status: ENABLED or PAUSED.</summary>
    public Task<string> GetMacieSessionAsync(CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("GetMacieSession", "GET", "/macie"), root => root.Str("status") ?? "", cancellationToken);

    /// <summary>ENABLED or DISABLED.</summary>
    public Task<string> GetAutomatedDiscoveryConfigurationAsync(CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("GetAutomatedDiscoveryConfiguration", "GET", "/automated-discovery/configuration"), root => root.Str("status") ?? "", cancellationToken);

    public Task<ListClassificationJobsResponse> ListClassificationJobsAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("ListClassificationJobs", "POST", "/jobs/list");
        operation.Body = nextToken is null ? [] : new JsonObject { ["nextToken"] = nextToken };
        return JsonAsync(operation, root => new ListClassificationJobsResponse(root.Arr("items").Count(), root.Str("nextToken")), cancellationToken);
    }
}
