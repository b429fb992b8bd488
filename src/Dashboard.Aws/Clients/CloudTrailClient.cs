using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record TrailInfo(
    string Name, string TrailARN, string HomeRegion, bool IsMultiRegionTrail, bool IsOrganizationTrail, bool LogFileValidationEnabled,
    string? KmsKeyId, string? S3BucketName, string? CloudWatchLogsLogGroupArn);

public sealed record GetTrailStatusResponse(bool IsLogging, string? LatestDeliveryError);

public sealed record GetEventSelectorsResponse(IReadOnlyList<EventSelector> EventSelectors, IReadOnlyList<AdvancedEventSelector> AdvancedEventSelectors);

/// <summary>CloudTrail (JSON 1.1), shaped like AWSSDK.CloudTrail.</summary>
public sealed class CloudTrailClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.CloudTrail, region)
{
    public Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribeTrails") { Body = new JsonObject { ["includeShadowTrails"] = true } }, root =>
            (IReadOnlyList<TrailInfo>)root.Arr("trailList").Select(t => new TrailInfo(
                t.Str("Name") ?? "", t.Str("TrailARN") ?? "", t.Str("HomeRegion") ?? Region, t.Bool("IsMultiRegionTrail"), t.Bool("IsOrganizationTrail"),
                t.Bool("LogFileValidationEnabled"), t.Str("KmsKeyId"), t.Str("S3BucketName"), t.Str("CloudWatchLogsLogGroupArn"))).ToList(),
            cancellationToken);

    public Task<GetTrailStatusResponse> GetTrailStatusAsync(string name, CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("GetTrailStatus") { Body = new JsonObject { ["Name"] = name } },
            root => new GetTrailStatusResponse(root.Bool("IsLogging"), root.Str("LatestDeliveryError")), cancellationToken);

    public Task<GetEventSelectorsResponse> GetEventSelectorsAsync(string trailName, CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("GetEventSelectors") { Body = new JsonObject { ["TrailName"] = trailName } }, root => new GetEventSelectorsResponse(
            root.Arr("EventSelectors").Select(s => new EventSelector(
                s.Str("ReadWriteType") ?? "All", s.NBool("IncludeManagementEvents") ?? true,
                s.Arr("DataResources").Select(d => new DataResource(d.Str("Type") ?? "", d.Strings("Values"))).ToList(),
                s.Strings("ExcludeManagementEventSources"))).ToList(),
            root.Arr("AdvancedEventSelectors").Select(s => new AdvancedEventSelector(s.Str("Name"),
                s.Arr("FieldSelectors").Select(f => new AdvancedFieldSelector(
                    f.Str("Field") ?? "", f.Strings("Equals"), f.Strings("NotEquals"), f.Strings("StartsWith"), f.Strings("NotStartsWith"))).ToList())).ToList()),
            cancellationToken);
}
