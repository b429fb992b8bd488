using System.Text;
using System.Xml.Linq;
using Dashboard.Core.Inventory;
using FakeAws.Wire;
using static FakeAws.Wire.X;

namespace FakeAws.Services;

/// <summary>S3 in path style (what SDKs use for an IP endpoint): <c>GET /</c> and <c>GET /{Bucket}?subresource</c>.</summary>
public sealed class S3Service : ServiceHandler
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public S3Service()
    {
        On("GET", "/", "ListBuckets", ListBuckets);
        On("GET", "/{Bucket}?location", "GetBucketLocation", c => Location(Bucket(c, anyRegion: true)));
        On("GET", "/{Bucket}?policyStatus", "GetBucketPolicyStatus", GetBucketPolicyStatus);
        On("GET", "/{Bucket}?policy", "GetBucketPolicy", GetBucketPolicy);
        On("GET", "/{Bucket}?publicAccessBlock", "GetPublicAccessBlock", GetPublicAccessBlock);
        On("GET", "/{Bucket}?encryption", "GetBucketEncryption", GetBucketEncryption);
        On("GET", "/{Bucket}?versioning", "GetBucketVersioning", c => Versioning(Bucket(c)));
        On("GET", "/{Bucket}?logging", "GetBucketLogging", c => Logging(Bucket(c)));
        On("GET", "/{Bucket}?ownershipControls", "GetBucketOwnershipControls", GetBucketOwnershipControls);
        On("GET", "/{Bucket}?acl", "GetBucketAcl", GetBucketAcl);
        On("GET", "/{Bucket}?tagging", "GetBucketTagging", GetBucketTagging);
        On("HEAD", "/{Bucket}", "HeadBucket", c => new RawResponse(200, null, [], new Dictionary<string, string> { ["x-amz-bucket-region"] = Bucket(c).Region }));
    }

    public override ServiceInfo Info => ServiceInfo.All["s3"];

    public override string? Resource(Call call) => call.Label("Bucket");

    internal static string CanonicalUserId(string accountId) => Ids.Hex("canonical-" + accountId, 64);

    /// <summary>The bucket, which must live in the region the request was signed for (S3 answers 301 otherwise).</summary>
    private static S3Bucket Bucket(Call call, bool anyRegion = false)
    {
        var name = call.Label("Bucket");
        var bucket = call.Inventory.S3.Buckets.FirstOrDefault(b => b.Name == name)
            ?? throw new AwsException("NoSuchBucket", "The specified bucket does not exist", 404) { Extra = new Dictionary<string, string> { ["BucketName"] = name ?? "" } };
        if (!anyRegion && bucket.Region != call.Region)
        {
            throw new AwsException("PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", 301)
            {
                Extra = new Dictionary<string, string> { ["Endpoint"] = $"{bucket.Name}.s3.{bucket.Region}.amazonaws.com", ["Bucket"] = bucket.Name },
                Headers = new Dictionary<string, string> { ["x-amz-bucket-region"] = bucket.Region },
            };
        }

        return bucket;
    }

    private static object ListBuckets(Call call)
    {
        var prefix = call.P("prefix");
        var region = call.P("bucket-region");
        var buckets = call.Inventory.S3.Buckets
            .Where(b => (prefix is null || b.Name.StartsWith(prefix, StringComparison.Ordinal)) && (region is null || b.Region == region))
            .OrderBy(b => b.Name, StringComparer.Ordinal).ToArray();
        var (page, next) = call.Page(buckets, call.P("continuation-token"), call.PInt("max-buckets"));
        return E("ListAllMyBucketsResult",
            E("Owner", E("ID", CanonicalUserId(call.Inventory.AccountId)), E("DisplayName", call.Inventory.AccountAlias ?? "owner")),
            new XElement("Buckets", page.Select(b => E("Bucket", E("Name", b.Name), E("CreationDate", b.CreationDate ?? call.Inventory.CollectedAt.AddDays(-300)), E("BucketRegion", b.Region)))),
            next is null ? null : E("ContinuationToken", next),
            prefix is null ? null : E("Prefix", prefix));
    }

    private static AwsException NoPolicy(S3Bucket b) =>
        new("NoSuchBucketPolicy", "The bucket policy does not exist", 404) { Extra = new Dictionary<string, string> { ["BucketName"] = b.Name } };

    private static object GetBucketPolicy(Call call)
    {
        var b = Bucket(call);
        return new RawResponse(200, "application/json", Encoding.UTF8.GetBytes(b.Policy ?? throw NoPolicy(b)));
    }

    private static object GetBucketPolicyStatus(Call call)
    {
        var b = Bucket(call);
        if (b.Policy is null)
        {
            throw NoPolicy(b);
        }

        return E("PolicyStatus", E("IsPublic", b.PolicyIsPublic ?? false));
    }

    internal static XElement PublicAccessBlockXml(PublicAccessBlock p) => E("PublicAccessBlockConfiguration",
        E("BlockPublicAcls", p.BlockPublicAcls), E("IgnorePublicAcls", p.IgnorePublicAcls),
        E("BlockPublicPolicy", p.BlockPublicPolicy), E("RestrictPublicBuckets", p.RestrictPublicBuckets));

    private static object GetPublicAccessBlock(Call call)
    {
        var b = Bucket(call);
        return PublicAccessBlockXml(b.PublicAccessBlock ?? throw new AwsException("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404)
        {
            Extra = new Dictionary<string, string> { ["BucketName"] = b.Name },
        });
    }

    private static object GetBucketEncryption(Call call)
    {
        var b = Bucket(call);
        var e = b.Encryption ?? throw new AwsException("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", 404)
        {
            Extra = new Dictionary<string, string> { ["BucketName"] = b.Name },
        };
        return E("ServerSideEncryptionConfiguration", E("Rule",
            E("ApplyServerSideEncryptionByDefault", E("SSEAlgorithm", e.SseAlgorithm), e.KmsMasterKeyId is null ? null : E("KMSMasterKeyID", e.KmsMasterKeyId)),
            E("BucketKeyEnabled", e.BucketKeyEnabled)));
    }

    private static object GetBucketOwnershipControls(Call call)
    {
        var b = Bucket(call);
        var ownership = b.ObjectOwnership ?? throw new AwsException("OwnershipControlsNotFoundError", "The bucket ownership controls were not found", 404)
        {
            Extra = new Dictionary<string, string> { ["BucketName"] = b.Name },
        };
        return E("OwnershipControls", E("Rule", E("ObjectOwnership", ownership)));
    }

    private static object GetBucketAcl(Call call)
    {
        var b = Bucket(call);
        var owner = CanonicalUserId(call.Inventory.AccountId);
        var ownerName = call.Inventory.AccountAlias ?? "owner";
        return E("AccessControlPolicy",
            E("Owner", E("ID", owner), E("DisplayName", ownerName)),
            new XElement("AccessControlList",
                E("Grant", new XElement("Grantee", new XAttribute(XNamespace.Xmlns + "xsi", Xsi), new XAttribute(Xsi + "type", "CanonicalUser"), E("ID", owner), E("DisplayName", ownerName)), E("Permission", "FULL_CONTROL")),
                b.PublicAclGrants.Select(g => E("Grant",
                    new XElement("Grantee", new XAttribute(XNamespace.Xmlns + "xsi", Xsi), new XAttribute(Xsi + "type", "Group"), E("URI", g.GranteeUri)),
                    E("Permission", g.Permission)))));
    }

    private static object GetBucketTagging(Call call)
    {
        var b = Bucket(call);
        if (b.Tags.Count == 0)
        {
            throw new AwsException("NoSuchTagSet", "The TagSet does not exist", 404) { Extra = new Dictionary<string, string> { ["BucketName"] = b.Name } };
        }

        return E("Tagging", new XElement("TagSet", b.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => E("Tag", E("Key", t.Key), E("Value", t.Value)))));
    }

    private static XElement Location(S3Bucket b) => E("LocationConstraint", b.Region == "us-east-1" ? null : b.Region);

    private static XElement Versioning(S3Bucket b) => E("VersioningConfiguration",
        b.VersioningStatus is null ? null : E("Status", b.VersioningStatus),
        b.VersioningStatus is null ? null : E("MfaDelete", b.MfaDeleteEnabled ? "Enabled" : "Disabled"));

    private static XElement Logging(S3Bucket b) => E("BucketLoggingStatus",
        b.LoggingTargetBucket is null ? null : E("LoggingEnabled", E("TargetBucket", b.LoggingTargetBucket), E("TargetPrefix", $"{b.Name}/")));
}

/// <summary>S3 Control's account-level Block Public Access (<c>x-amz-account-id</c> names the account).</summary>
public sealed class S3ControlService : ServiceHandler
{
    public S3ControlService()
    {
        On("GET", "/v20180820/configuration/publicAccessBlock", "GetPublicAccessBlock", GetPublicAccessBlock);
    }

    public override ServiceInfo Info => ServiceInfo.S3Control;

    private static object GetPublicAccessBlock(Call call)
    {
        var accountId = call.Http.Request.Headers["x-amz-account-id"].FirstOrDefault();
        if (accountId != call.Inventory.AccountId)
        {
            throw new AwsException("AccessDenied", "Access Denied", 403);
        }

        return S3Service.PublicAccessBlockXml(call.Inventory.S3.AccountPublicAccessBlock
            ?? throw new AwsException("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404)
            {
                Extra = new Dictionary<string, string> { ["AccountId"] = call.Inventory.AccountId },
            });
    }
}
