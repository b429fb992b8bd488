using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks;

/// <summary>
/// A check is a pure function of an inventory: no I/O, no clock (the scan time is
/// <see cref="EvaluationContext.Now"/>). Subclasses are sealed, one per file under Checks/&lt;Service&gt;/.
/// </summary>
public abstract class Check
{
    public abstract CheckMetadata Metadata { get; }

    public string Id => Metadata.Id;

    public abstract IEnumerable<CheckResult> Evaluate(EvaluationContext context);

    protected CheckResult Pass(string region, string resourceId, string? arn, string reason, params (string Key, string Value)[] evidence) =>
        Result(ResultStatus.Pass, region, resourceId, arn, reason, evidence);

    protected CheckResult Fail(string region, string resourceId, string? arn, string reason, params (string Key, string Value)[] evidence) =>
        Result(ResultStatus.Fail, region, resourceId, arn, reason, evidence);

    protected CheckResult Manual(string region, string resourceId, string? arn, string reason, params (string Key, string Value)[] evidence) =>
        Result(ResultStatus.Manual, region, resourceId, arn, reason, evidence);

    protected CheckResult NotApplicable(string region, string resourceId, string? arn, string reason, params (string Key, string Value)[] evidence) =>
        Result(ResultStatus.NotApplicable, region, resourceId, arn, reason, evidence);

    /// <summary>An Error result whose reason names the failed call, e.g. "access denied: s3:GetBucketPolicy in eu-west-1".</summary>
    protected CheckResult Error(string region, string resourceId, string? arn, CollectionError error) =>
        Result(ResultStatus.Error, region, resourceId, arn, error.Describe(),
            [("errorCode", error.ErrorCode), ("operation", $"{error.Service}:{error.Operation}")]);

    protected CheckResult Result(ResultStatus status, string region, string resourceId, string? arn, string reason, (string Key, string Value)[] evidence) =>
        new(Id, status, region, resourceId, arn, reason, evidence.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));

    /// <summary>
    /// The first collection error that makes this check's data for <paramref name="region"/> (and, when given,
    /// <paramref name="resourceId"/>) incomplete: an error of one of the check's <see cref="CheckMetadata.DataSources"/>
    /// in that region that is either about no particular resource (a failed list call) or about that resource.
    /// </summary>
    protected CollectionError? ErrorFor(EvaluationContext context, string region, string? resourceId = null) =>
        context.Inventory.Errors.FirstOrDefault(e =>
            string.Equals(e.Region, region, StringComparison.Ordinal)
            && (e.ResourceId is null || (resourceId is not null && string.Equals(e.ResourceId, resourceId, StringComparison.Ordinal)))
            && Metadata.DataSources.Any(d => d.Produced(e)));
}

/// <summary>Everything a check may look at: the inventory, the scan time and the account's check settings.</summary>
public sealed record EvaluationContext(AccountInventory Inventory, DateTimeOffset Now)
{
    public CheckSettings Settings { get; init; } = new();
}

/// <summary>Tunables that a security team may change per installation. Defaults follow CIS.</summary>
public sealed record CheckSettings
{
    public int AccessKeyMaxAgeDays { get; init; } = 90;
    public int PasswordMinimumLength { get; init; } = 14;
    public IReadOnlyList<int> AdminPorts { get; init; } = [22, 3389];

    /// <summary>A password or access key unused for longer than this is stale (CIS 1.11: 45 days).</summary>
    public int UnusedCredentialDays { get; init; } = 45;

    /// <summary>Root sign-ins or key use within this many days count as recent use (CIS names no number; 90 days as Steampipe).</summary>
    public int RootUsageWindowDays { get; init; } = 90;

    /// <summary>IAM user tags that exempt a user's access keys from the long-lived key check when set to a non-empty value.</summary>
    public IReadOnlyList<string> AccessKeyExceptionTags { get; init; } = ["ExceptionTicket", "BreakGlass"];

    /// <summary>Database and data-store ports that must not be reachable from the whole internet (checklist X8).</summary>
    public IReadOnlyList<int> DatabasePorts { get; init; } = [1433, 1521, 3306, 5432, 5984, 6379, 9042, 9200, 9300, 11211, 27017];

    /// <summary>Longest accepted rotation interval, and age since the last rotation, of a Secrets Manager secret (checklist X6).</summary>
    public int SecretRotationMaxDays { get; init; } = 90;

    /// <summary>Tag keys every taggable resource must carry with a non-empty value (checklist X13).</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = ["Environment", "Project", "ManagedBy"];

    /// <summary>Whether <see cref="RequiredTags"/> match tag keys regardless of case; exact by default.</summary>
    public bool RequiredTagsIgnoreCase { get; init; }

    /// <summary>Whether every VPC also needs a DynamoDB endpoint next to the S3 one (checklist X7).</summary>
    public bool RequireDynamoDbEndpoint { get; init; } = true;

    /// <summary>What is wrong with these settings, one sentence per problem; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, days) in new[]
        {
            (nameof(AccessKeyMaxAgeDays), AccessKeyMaxAgeDays), (nameof(UnusedCredentialDays), UnusedCredentialDays),
            (nameof(RootUsageWindowDays), RootUsageWindowDays), (nameof(SecretRotationMaxDays), SecretRotationMaxDays),
        })
        {
            if (days is < 1 or > 3650)
            {
                problems.Add($"{name} must be a number of days from 1 to 3650 (it is {days}).");
            }
        }

        if (PasswordMinimumLength is < 6 or > 128)
        {
            problems.Add($"{nameof(PasswordMinimumLength)} must be from 6 to 128 (the IAM limits; it is {PasswordMinimumLength}).");
        }

        foreach (var (name, ports) in new[] { (nameof(AdminPorts), AdminPorts), (nameof(DatabasePorts), DatabasePorts) })
        {
            if (ports.Count == 0 || ports.Any(p => p is < 0 or > 65535))
            {
                problems.Add($"{name} must list at least one port, each from 0 to 65535.");
            }
        }

        if (RequiredTags.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{nameof(RequiredTags)} must not contain an empty tag key.");
        }

        return problems;
    }
}
