using System.Text.Json.Serialization;

namespace Dashboard.Core.Inventory;

/// <summary>
/// An immutable, JSON-serialisable snapshot of one AWS account, as collected at <see cref="CollectedAt"/>.
/// Every call that failed is in <see cref="Errors"/>; nothing is silently dropped. A null "optional" member
/// (for example <see cref="IamData.PasswordPolicy"/>) means "not configured" only when no error was recorded
/// for the operation that would have returned it.
/// </summary>
public sealed record AccountInventory
{
    public required string AccountId { get; init; }
    public string Partition { get; init; } = "aws";
    public string? AccountAlias { get; init; }
    public required DateTimeOffset CollectedAt { get; init; }

    /// <summary>Regions that were in scope and enabled for this scan.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Regions in scope that were skipped (opt-in region not enabled, or denied by SCP), with why.</summary>
    public IReadOnlyList<SkippedRegion> SkippedRegions { get; init; } = [];

    public IamData Iam { get; init; } = new();
    public S3Data S3 { get; init; } = new();
    public CloudTrailData CloudTrail { get; init; } = new();
    public Ec2Data Ec2 { get; init; } = new();
    public AccountSettingsData Account { get; init; } = new();

    /// <summary>Null when the account is not in an organization (AWSOrganizationsNotInUseException) or it was not collected.</summary>
    public OrganizationData? Organization { get; init; }

    public AccessAnalyzerData AccessAnalyzer { get; init; } = new();
    public ConfigData Config { get; init; } = new();
    public MonitoringData Monitoring { get; init; } = new();
    public GuardDutyData GuardDuty { get; init; } = new();
    public SecurityHubData SecurityHub { get; init; } = new();
    public KmsData Kms { get; init; } = new();
    public RdsData Rds { get; init; } = new();
    public EfsData Efs { get; init; } = new();
    public SecretsManagerData SecretsManager { get; init; } = new();
    public LambdaData Lambda { get; init; } = new();
    public MacieData Macie { get; init; } = new();

    public IReadOnlyList<CollectionError> Errors { get; init; } = [];

    [JsonIgnore]
    public string RootArn => $"arn:{Partition}:iam::{AccountId}:root";
}

public sealed record SkippedRegion(string Region, string Reason);

/// <summary>A call that failed during collection. Region is <see cref="Regions.Global"/> for global services.</summary>
/// <param name="Service">Service prefix as used in IAM actions: iam, s3, cloudtrail, ec2, ...</param>
/// <param name="Operation">The API operation name, e.g. GetBucketPolicy.</param>
/// <param name="ResourceId">Set when the call was about one resource (a bucket, a trail); null when it was a list call.</param>
public sealed record CollectionError(
    string Service,
    string Region,
    string Operation,
    string ErrorCode,
    string Message,
    string? ResourceId = null)
{
    public bool IsAccessDenied => ErrorCodes.IsAccessDenied(ErrorCode);
    public bool IsThrottling => ErrorCodes.IsThrottling(ErrorCode);

    public string Describe() =>
        (IsAccessDenied ? "access denied" : IsThrottling ? "throttled" : $"collection error {ErrorCode}")
        + $": {Service}:{Operation}"
        + (Region == Regions.Global ? "" : $" in {Region}")
        + (ResourceId is null ? "" : $" for {ResourceId}")
        + (string.IsNullOrWhiteSpace(Message) ? "" : $" ({Message})");
}

public static class Regions
{
    /// <summary>Region value used for global services (IAM, the S3 account settings) and account-level results.</summary>
    public const string Global = "global";
}

public static class ErrorCodes
{
    private static readonly HashSet<string> AccessDenied = new(StringComparer.OrdinalIgnoreCase)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
        "AuthorizationError", "Forbidden",
    };

    private static readonly HashSet<string> Throttling = new(StringComparer.OrdinalIgnoreCase)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded",
        "TooManyRequestsException", "SlowDown", "RequestThrottled", "RequestThrottledException",
        "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "LimitExceededException",
    };

    public static bool IsAccessDenied(string code) => AccessDenied.Contains(code);
    public static bool IsThrottling(string code) => Throttling.Contains(code);
}
