namespace Dashboard.Core.Checks;

public enum Severity
{
    Informational = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>Verdict for one resource. Error means the data could not be collected; it never counts as Pass.</summary>
public enum ResultStatus
{
    Pass = 0,
    Fail = 1,
    Manual = 2,
    NotApplicable = 3,
    Error = 4,
}

/// <summary>What a check needs from collection: the API operation and the IAM action that authorises it.</summary>
/// <param name="Service">Service prefix as recorded in <see cref="Inventory.CollectionError.Service"/>.</param>
/// <param name="Operation">API operation name as recorded in <see cref="Inventory.CollectionError.Operation"/>.</param>
/// <param name="IamAction">The IAM action the call needs, e.g. s3:GetEncryptionConfiguration for GetBucketEncryption.</param>
public sealed record DataSource(string Service, string Operation, string IamAction)
{
    /// <summary>Whether a collection error was raised by this source's call.</summary>
    public bool Produced(Inventory.CollectionError error) =>
        string.Equals(error.Service, Service, StringComparison.OrdinalIgnoreCase)
        && string.Equals(error.Operation, Operation, StringComparison.OrdinalIgnoreCase);
}

public sealed record Remediation(
    string Steps,
    string Cli,
    string Terraform,
    string CloudFormation = "");

public sealed record CheckMetadata
{
    /// <summary>Stable snake_case id, e.g. s3_bucket_public_access_blocked. Never renamed once shipped.</summary>
    public required string Id { get; init; }

    /// <summary>States the desired state, e.g. "Root user has MFA enabled".</summary>
    public required string Title { get; init; }

    /// <summary>Service prefix: iam, s3, cloudtrail, ec2, ...</summary>
    public required string Service { get; init; }

    /// <summary>AWS resource type, e.g. AWS::S3::Bucket, AWS::::Account.</summary>
    public required string ResourceType { get; init; }

    public required Severity Severity { get; init; }
    public required string Rationale { get; init; }
    public required Remediation Remediation { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public required IReadOnlyList<DataSource> DataSources { get; init; }

    /// <summary>
    /// True when the API cannot settle the requirement in every case: where the data is not conclusive the check
    /// returns Manual with the evidence a reviewer needs, instead of a Pass.
    /// </summary>
    public bool ManualReview { get; init; }

    public IEnumerable<string> IamActions => DataSources.Select(d => d.IamAction).Distinct(StringComparer.Ordinal);
}

/// <summary>One verdict for one resource in one region, with a reason a human can read and the evidence that decided it.</summary>
public sealed record CheckResult(
    string CheckId,
    ResultStatus Status,
    string Region,
    string ResourceId,
    string? ResourceArn,
    string Reason,
    IReadOnlyDictionary<string, string> Evidence);
