using System.Globalization;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record ListAnalyzersResponse(IReadOnlyList<Analyzer> Analyzers, string? NextToken);

/// <summary>IAM Access Analyzer (REST-JSON), shaped like AWSSDK.AccessAnalyzer.</summary>
public sealed class AccessAnalyzerClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.AccessAnalyzer, region)
{
    public Task<ListAnalyzersResponse> ListAnalyzersAsync(string? nextToken, CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("ListAnalyzers", "GET", "/analyzer").With("nextToken", nextToken).With("maxResults", 100.ToString(CultureInfo.InvariantCulture)),
            root => new ListAnalyzersResponse(
                root.Arr("analyzers").Select(a => new Analyzer(a.Str("name") ?? "", a.Str("arn") ?? "", a.Str("type") ?? "", a.Str("status") ?? "")).ToList(),
                root.Str("nextToken")),
            cancellationToken);
}
