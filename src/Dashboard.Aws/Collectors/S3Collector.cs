using System.Collections.Concurrent;
using Amazon.S3.Model;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;
using S3Bucket = Dashboard.Core.Inventory.S3Bucket;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// S3: ListBuckets once (account-wide, gives each bucket's region), then every bucket read in its own region:
/// policy, policy status (when there is a policy), public access block, encryption, versioning, logging, ownership
/// controls, ACL and tags.
/// The account-level Block Public Access comes from S3 Control. "Not configured" answers are states.
/// </summary>
public sealed class S3Collector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
    [
        "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:GetBucketPolicyStatus", "s3:GetBucketPublicAccessBlock",
        "s3:GetEncryptionConfiguration", "s3:GetBucketVersioning", "s3:GetBucketLogging", "s3:GetBucketOwnershipControls",
        "s3:GetBucketAcl", "s3:GetBucketTagging", "s3:GetAccountPublicAccessBlock",
    ];

    private const string Service = "s3";
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var home = context.Regions.Contains(context.GlobalRegion, StringComparer.Ordinal) || context.Regions.Count == 0 ? context.GlobalRegion : context.Regions[0];
        var accountBlock = await context.CallAsync("s3control", Regions.Global, "GetPublicAccessBlock", null,
            c => new S3ControlClient(context.Transport, home).GetPublicAccessBlockAsync(context.AccountId, c), cancellationToken, "NoSuchPublicAccessBlockConfiguration");

        var listed = new List<S3Bucket>();
        await context.PageAsync(Service, Regions.Global, "ListBuckets", null,
            (token, c) => context.Clients.S3(home).ListBucketsAsync(new ListBucketsRequest { ContinuationToken = token, MaxBuckets = 1000 }, c),
            page => page.ContinuationToken,
            page => listed.AddRange((page.Buckets ?? []).Select(b => new S3Bucket
            {
                Name = b.BucketName,
                Region = b.BucketRegion ?? "",
                CreationDate = b.CreationDate is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            })),
            cancellationToken);

        var buckets = new ConcurrentBag<S3Bucket>();
        await CollectionContext.ForEachAsync(listed, context.Options.MaxConcurrentBuckets, async (bucket, ct) =>
        {
            var region = bucket.Region.Length > 0 ? bucket.Region : await LocationAsync(context, home, bucket.Name, ct);
            if (region is null)
            {
                return;
            }

            if (!context.Regions.Contains(region, StringComparer.Ordinal))
            {
                // Outside the scan's regions: listed, not read (no calls outside the scope).
                buckets.Add(bucket with { Region = region });
                return;
            }

            buckets.Add(await ReadBucketAsync(context, bucket with { Region = region }, ct));
        }, cancellationToken);

        var data = new S3Data
        {
            AccountPublicAccessBlock = accountBlock.Value,
            Buckets = buckets.OrderBy(b => b.Name, StringComparer.Ordinal).ToList(),
        };
        return inventory => inventory with { S3 = data };
    }

    /// <summary>GetBucketLocation: empty means us-east-1, the legacy "EU" means eu-west-1.</summary>
    public static string NormaliseLocation(string? location) => location switch
    {
        null or "" => "us-east-1",
        "EU" => "eu-west-1",
        _ => location,
    };

    // The SDK suppresses GetBucketPolicy's 404 (NoSuchBucketPolicy) and hands the error document over as the "policy".
    private static string? PolicyText(GetBucketPolicyResponse? response) =>
        response is null || response.HttpStatusCode == System.Net.HttpStatusCode.NotFound || response.Policy is not { Length: > 0 } text || text.TrimStart().StartsWith('<')
            ? null
            : text;

    private static async Task<string?> LocationAsync(CollectionContext context, string home, string bucket, CancellationToken ct)
    {
        var location = await context.CallAsync(Service, Regions.Global, "GetBucketLocation", bucket,
            c => context.Clients.S3(home).GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, c), ct);
        return location.Succeeded ? NormaliseLocation(location.Value!.Location?.Value) : null;
    }

    private static async Task<S3Bucket> ReadBucketAsync(CollectionContext context, S3Bucket bucket, CancellationToken ct)
    {
        var s3 = context.Clients.S3(bucket.Region);
        var name = bucket.Name;
        Task<CallResult<T>> Call<T>(string operation, Func<CancellationToken, Task<T>> call, params string[] states) =>
            context.CallAsync(Service, bucket.Region, operation, name, call, ct, ["NoSuchBucket", .. states]);

        var policy = Call("GetBucketPolicy", c => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = name }, c), "NoSuchBucketPolicy");
        // Only a bucket with a policy has a policy status (otherwise NoSuchBucketPolicy): ask only when there is one, or
        // when reading the policy failed and the status may still be readable.
        var status = StatusAsync();
        async Task<CallResult<GetBucketPolicyStatusResponse>> StatusAsync()
        {
            var read = await policy;
            return read.IsState || (read.Succeeded && PolicyText(read.Value) is null)
                ? new CallResult<GetBucketPolicyStatusResponse>(false, null, "NoSuchBucketPolicy")
                : await Call("GetBucketPolicyStatus", c => s3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = name }, c), "NoSuchBucketPolicy");
        }

        var block = Call("GetPublicAccessBlock", c => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = name }, c), "NoSuchPublicAccessBlockConfiguration");
        var encryption = Call("GetBucketEncryption", c => s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = name }, c), "ServerSideEncryptionConfigurationNotFoundError");
        var versioning = Call("GetBucketVersioning", c => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name }, c));
        var logging = Call("GetBucketLogging", c => s3.GetBucketLoggingAsync(new GetBucketLoggingRequest { BucketName = name }, c));
        var ownership = Call("GetBucketOwnershipControls", c => s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = name }, c), "OwnershipControlsNotFoundError");
        var acl = Call("GetBucketAcl", c => s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = name }, c));
        var tags = Call("GetBucketTagging", c => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = name }, c), "NoSuchTagSet");
        await Task.WhenAll(policy, status, block, encryption, versioning, logging, ownership, acl, tags);

        var pab = (await block).Value?.PublicAccessBlockConfiguration;
        var rule = (await encryption).Value?.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules is [var first, ..] ? first : null;
        var versioningConfig = (await versioning).Value?.VersioningConfig;
        var versionStatus = versioningConfig?.Status?.Value;
        return bucket with
        {
            Policy = PolicyText((await policy).Value),
            // NoSuchBucketPolicy: without a policy, the policy cannot make the bucket public.
            PolicyIsPublic = (await status).IsState ? false : (await status).Value?.PolicyStatus?.IsPublic,
            PublicAccessBlock = pab is null ? null : new PublicAccessBlock(pab.BlockPublicAcls ?? false, pab.IgnorePublicAcls ?? false, pab.BlockPublicPolicy ?? false, pab.RestrictPublicBuckets ?? false),
            Encryption = rule?.ServerSideEncryptionByDefault is { } sse
                ? new BucketEncryption(sse.ServerSideEncryptionAlgorithm?.Value ?? "", sse.ServerSideEncryptionKeyManagementServiceKeyId, rule.BucketKeyEnabled ?? false)
                : null,
            VersioningStatus = versionStatus is null or "Off" ? null : versionStatus,
            MfaDeleteEnabled = versioningConfig?.EnableMfaDelete ?? false,
            LoggingTargetBucket = (await logging).Value?.BucketLoggingConfig?.TargetBucketName is { Length: > 0 } target ? target : null,
            ObjectOwnership = (await ownership).Value?.OwnershipControls?.Rules is [var ownershipRule, ..] ? ownershipRule.ObjectOwnership?.Value : null,
            PublicAclGrants = ((await acl).Value?.Grants ?? [])
                .Where(g => g.Grantee?.URI is AllUsers or AuthenticatedUsers)
                .Select(g => new BucketAclGrant(g.Grantee.URI, g.Permission?.Value ?? ""))
                .ToList(),
            Tags = ((await tags).Value?.TagSet ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal),
        };
    }
}
