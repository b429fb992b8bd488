using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

public sealed record ListDetectorsResponse(IReadOnlyList<string> DetectorIds, string? NextToken);

public sealed record GetDetectorResponse(string Status, IReadOnlyDictionary<string, string> Features);

/// <summary>GuardDuty (REST-JSON), shaped like AWSSDK.GuardDuty.</summary>
public sealed class GuardDutyClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.GuardDuty, region)
{
    public Task<ListDetectorsResponse> ListDetectorsAsync(string? nextToken, CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("ListDetectors", "GET", "/detector").With("nextToken", nextToken),
            root => new ListDetectorsResponse(root.Strings("detectorIds"), root.Str("nextToken")), cancellationToken);

    public Task<GetDetectorResponse> GetDetectorAsync(string detectorId, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("GetDetector", "GET", "/detector/{detectorId}");
        operation.PathLabels["detectorId"] = detectorId;
        return JsonAsync(operation, root => new GetDetectorResponse(root.Str("status") ?? "",
            root.Arr("features").Where(f => f.Str("name") is not null)
                .GroupBy(f => f.Str("name")!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Str("status") ?? "", StringComparer.Ordinal)), cancellationToken);
    }
}
