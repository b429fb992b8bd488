namespace Dashboard.Core.Inventory;

public sealed record S3Data
{
    /// <summary>Account-level Block Public Access; null with no error recorded means not configured (all four false).</summary>
    public PublicAccessBlock? AccountPublicAccessBlock { get; init; }

    public IReadOnlyList<S3Bucket> Buckets { get; init; } = [];
}

public sealed record PublicAccessBlock(
    bool BlockPublicAcls,
    bool IgnorePublicAcls,
    bool BlockPublicPolicy,
    bool RestrictPublicBuckets)
{
    public static readonly PublicAccessBlock AllOff = new(false, false, false, false);
    public static readonly PublicAccessBlock AllOn = new(true, true, true, true);

    public bool AllEnabled => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;
}

public sealed record S3Bucket
{
    public required string Name { get; init; }

    /// <summary>The bucket's own region (normalised: never null or "EU").</summary>
    public required string Region { get; init; }

    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>Null with no error recorded means NoSuchPublicAccessBlockConfiguration.</summary>
    public PublicAccessBlock? PublicAccessBlock { get; init; }

    /// <summary>Null with no error recorded means ServerSideEncryptionConfigurationNotFoundError.</summary>
    public BucketEncryption? Encryption { get; init; }

    /// <summary>Enabled, Suspended, or null when versioning was never enabled.</summary>
    public string? VersioningStatus { get; init; }

    public bool MfaDeleteEnabled { get; init; }

    /// <summary>Bucket policy JSON; null with no error recorded means NoSuchBucketPolicy.</summary>
    public string? Policy { get; init; }

    public bool? PolicyIsPublic { get; init; }

    /// <summary>s3:GetBucketLogging: the target bucket, or null when server access logging is off.</summary>
    public string? LoggingTargetBucket { get; init; }

    /// <summary>s3:GetBucketOwnershipControls: BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter; null when not set.</summary>
    public string? ObjectOwnership { get; init; }

    /// <summary>s3:GetBucketAcl grants to everyone or to any authenticated AWS user: (grantee group URI, permission).</summary>
    public IReadOnlyList<BucketAclGrant> PublicAclGrants { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string Arn(string partition) => $"arn:{partition}:s3:::{Name}";
}

/// <param name="SseAlgorithm">AES256, aws:kms or aws:kms:dsse.</param>
public sealed record BucketEncryption(string SseAlgorithm, string? KmsMasterKeyId = null, bool BucketKeyEnabled = false);

/// <param name="GranteeUri">http://acs.amazonaws.com/groups/global/AllUsers or .../AuthenticatedUsers.</param>
/// <param name="Permission">READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL.</param>
public sealed record BucketAclGrant(string GranteeUri, string Permission);
