namespace Dashboard.Core.Inventory;

public sealed record CloudTrailData
{
    /// <summary>Trails de-duplicated by ARN across regions (shadow trails folded into their home-region trail).</summary>
    public IReadOnlyList<Trail> Trails { get; init; } = [];
}

public sealed record Trail
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string HomeRegion { get; init; }
    public bool IsMultiRegionTrail { get; init; }
    public bool IsOrganizationTrail { get; init; }
    public bool LogFileValidationEnabled { get; init; }
    public string? KmsKeyId { get; init; }
    public string? S3BucketName { get; init; }
    public string? CloudWatchLogsLogGroupArn { get; init; }

    /// <summary>From GetTrailStatus; null when the status could not be read.</summary>
    public bool? IsLogging { get; init; }

    public string? LatestDeliveryError { get; init; }

    /// <summary>Basic event selectors; empty when the trail uses advanced selectors.</summary>
    public IReadOnlyList<EventSelector> EventSelectors { get; init; } = [];

    public IReadOnlyList<AdvancedEventSelector> AdvancedEventSelectors { get; init; } = [];
}

public sealed record EventSelector(
    string ReadWriteType,
    bool IncludeManagementEvents,
    IReadOnlyList<DataResource> DataResources,
    IReadOnlyList<string> ExcludeManagementEventSources);

public sealed record DataResource(string Type, IReadOnlyList<string> Values);

public sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector> FieldSelectors);

public sealed record AdvancedFieldSelector(
    string Field,
    IReadOnlyList<string> EqualsValues,
    IReadOnlyList<string> NotEqualsValues,
    IReadOnlyList<string> StartsWith,
    IReadOnlyList<string> NotStartsWith);
