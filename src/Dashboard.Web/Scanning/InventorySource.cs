using Amazon.Runtime;
using Dashboard.Aws;
using Dashboard.Aws.Access;
using Dashboard.Aws.Collectors;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Demo;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Source credentials for every account, replacing the host's default chain or profile. Null in production (the SDK
/// chain is used); tests and special hosts set it. Never filled from the database: the dashboard stores no secrets.
/// </summary>
public sealed class AwsSourceCredentials
{
    public AWSCredentials? Credentials { get; init; }
}

/// <summary>
/// Where a scan's inventory comes from: the bundled demo organisation for demo accounts, AWS (through
/// <see cref="AccountCollector"/>) for real ones.
/// </summary>
public class InventorySource(AwsSourceCredentials? source = null, CollectionOptions? options = null)
{
    public Task<AccountInventory> CollectAsync(CloudAccount account, DateTimeOffset now, CancellationToken cancellationToken) =>
        CollectAsync(account, now, null, cancellationToken);

    public virtual async Task<AccountInventory> CollectAsync(
        CloudAccount account, DateTimeOffset now, Action<CollectionProgress>? progress, CancellationToken cancellationToken)
    {
        if (account.IsDemo)
        {
            var demo = DemoOrganization.Accounts(now).FirstOrDefault(a => a.AccountId == account.AwsAccountId)
                ?? throw new InvalidOperationException($"Account {account.AwsAccountId} is marked as demo but is not part of the demo organisation.");
            progress?.Invoke(new CollectionProgress(1, 1, null, 0, 0));
            return demo.Inventory;
        }

        var collector = new AccountCollector(options ?? new CollectionOptions());
        var result = await collector.CollectAsync(TargetOf(account), source?.Credentials, progress, cancellationToken);
        if (!string.Equals(result.Inventory.AccountId, account.AwsAccountId, StringComparison.Ordinal))
        {
            throw new AccountAccessException(
                $"The credentials reached account {result.Inventory.AccountId}, not {account.AwsAccountId}; check the access method.");
        }

        return result.Inventory;
    }

    /// <summary>How to reach the account: default chain, profile, or assume-role with the account's external id.</summary>
    public static AccountTarget TargetOf(CloudAccount account) => new()
    {
        Profile = account.AccessMethod == AccountAccessMethod.DefaultChain ? null : Blank(account.Profile),
        RoleArn = account.AccessMethod == AccountAccessMethod.AssumeRole ? Blank(account.RoleArn) : null,
        ExternalId = account.AccessMethod == AccountAccessMethod.AssumeRole ? Blank(account.ExternalId) : null,
        HomeRegion = Blank(account.HomeRegion),
        Regions = AccountScope.Split(account.Regions),
        EndpointUrl = Blank(account.EndpointUrl),
    };

    /// <summary>
    /// Clients that reach the account the way a scan does (its access method, the host's or the test's source
    /// credentials, its endpoint), and the home region to start from. Throws <see cref="AccountAccessException"/>.
    /// </summary>
    public static AwsClientFactory Connect(CloudAccount account, AwsSourceCredentials? source, out string homeRegion) =>
        AccountAccess.Connect(TargetOf(account), source?.Credentials, out homeRegion);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Parses the account's comma-separated scope fields.</summary>
public static class AccountScope
{
    public static IReadOnlyList<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The check ids in scope (framework ids expand to their checks); null = every check.</summary>
    public static IReadOnlySet<string>? Checks(string? scope, Dashboard.Core.Frameworks.FrameworkCatalog frameworks)
    {
        var items = Split(scope);
        if (items.Count == 0)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (frameworks.All.FirstOrDefault(f => string.Equals(f.Id, item, StringComparison.OrdinalIgnoreCase)) is { } framework)
            {
                ids.UnionWith(framework.Requirements.SelectMany(r => r.CheckIds));
            }
            else
            {
                ids.Add(item);
            }
        }

        return ids;
    }
}
