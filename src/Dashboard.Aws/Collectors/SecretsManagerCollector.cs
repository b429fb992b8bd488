using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>Secrets Manager per region: ListSecrets (metadata only) and each secret's resource policy.</summary>
public sealed class SecretsManagerCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["secretsmanager:ListSecrets", "secretsmanager:GetResourcePolicy"];

    private const string Service = "secretsmanager";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var secrets = new ConcurrentBag<Secret>();
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new SecretsManagerClient(context.Transport, region);
            var listed = new List<Secret>();
            await context.PageAsync(Service, region, "ListSecrets", null, client.ListSecretsAsync, p => p.NextToken, p => listed.AddRange(p.SecretList), ct);
            await CollectionContext.ForEachAsync(listed, context.Options.MaxConcurrencyPerServiceRegion, async (secret, c) =>
            {
                // ResourceNotFoundException: deleted since the list call; keep the listed metadata.
                var policy = await context.CallAsync(Service, region, "GetResourcePolicy", secret.Arn, x => client.GetResourcePolicyAsync(secret.Arn, x), c, "ResourceNotFoundException");
                secrets.Add(secret with { ResourcePolicy = policy.Value });
            }, ct);
        }, cancellationToken);

        var data = new SecretsManagerData { Secrets = secrets.OrderBy(s => s.Arn, StringComparer.Ordinal).ToList() };
        return inventory => inventory with { SecretsManager = data };
    }
}
