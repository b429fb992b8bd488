using System.Collections.Concurrent;
using Amazon.KeyManagementService.Model;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// KMS per region: ListKeys, then DescribeKey, GetKeyRotationStatus and the default key policy for each key, and tags
/// for customer-managed keys (AWS-managed keys carry no customer tags).
/// </summary>
public sealed class KmsCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
        ["kms:ListKeys", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:GetKeyPolicy", "kms:ListResourceTags"];

    private const string Service = "kms";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var keys = new ConcurrentBag<KmsKey>();
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var kms = context.Clients.Kms(region);
            var ids = new List<string>();
            await context.PageAsync(Service, region, "ListKeys", null, (t, c) => kms.ListKeysAsync(new ListKeysRequest { Marker = t }, c),
                r => r.Truncated == true ? r.NextMarker : null, r => ids.AddRange((r.Keys ?? []).Select(k => k.KeyId)), ct);
            await CollectionContext.ForEachAsync(ids, context.Options.MaxConcurrencyPerServiceRegion, async (id, c) =>
            {
                var described = await context.CallAsync(Service, region, "DescribeKey", id, x => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = id }, x), c, "NotFoundException");
                if (described.Value?.KeyMetadata is not { } meta)
                {
                    return;
                }

                var key = new KmsKey
                {
                    KeyId = meta.KeyId,
                    Arn = meta.Arn,
                    Region = region,
                    KeyManager = meta.KeyManager?.Value ?? "CUSTOMER",
                    KeySpec = meta.KeySpec?.Value ?? "SYMMETRIC_DEFAULT",
                    KeyState = meta.KeyState?.Value ?? "",
                    Origin = meta.Origin?.Value ?? "AWS_KMS",
                    Description = string.IsNullOrEmpty(meta.Description) ? null : meta.Description,
                };
                // UnsupportedOperationException: asymmetric, HMAC or imported keys cannot rotate; KMSInvalidStateException:
                // the key's state (e.g. pending import) does not allow the call. Both are states.
                var rotation = await context.CallAsync(Service, region, "GetKeyRotationStatus", id,
                    x => kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = id }, x), c, "UnsupportedOperationException", "KMSInvalidStateException");
                key = key with { KeyRotationEnabled = rotation.Value?.KeyRotationEnabled };

                var policy = await context.CallAsync(Service, region, "GetKeyPolicy", id,
                    x => kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = id, PolicyName = "default" }, x), c);
                key = key with { Policy = policy.Value?.Policy };
                if (key.KeyManager == "CUSTOMER")
                {
                    var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    await context.PageAsync(Service, region, "ListResourceTags", id, (t, x) => kms.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = id, Marker = t }, x),
                        r => r.Truncated == true ? r.NextMarker : null, r => (r.Tags ?? []).ForEach(tag => tags[tag.TagKey] = tag.TagValue ?? ""), c);
                    key = key with { Tags = tags };
                }

                keys.Add(key);
            }, ct);
        }, cancellationToken);

        var data = new KmsData { Keys = keys.OrderBy(k => k.Arn, StringComparer.Ordinal).ToList() };
        return inventory => inventory with { Kms = data };
    }
}
