using Dashboard.Core.Inventory;

namespace Dashboard.Core.Demo;

/// <summary>One account of the bundled demo organisation, with what the web app needs to list and show it.</summary>
/// <param name="AccountId">The 12-digit (fictional) account id; equal to <see cref="AccountInventory.AccountId"/>.</param>
/// <param name="Name">Display name, e.g. "Kelpline Production".</param>
/// <param name="Environment">production or development.</param>
/// <param name="Inventory">The collected snapshot.</param>
public sealed record DemoAccount(string AccountId, string Name, string Environment, AccountInventory Inventory);

/// <summary>
/// The bundled demo organisation: Kelpline Logistics, a fictional mid-sized freight company with an imperfect
/// production account and a messier development/sandbox account. Everything is fictional (ids, names, CIDRs from
/// documentation ranges, <c>.example</c> domains) and deterministic: every date is relative to the given scan time and
/// nothing is random, so two calls with the same <c>now</c> give equal inventories and ages never drift.
/// </summary>
public static class DemoOrganization
{
    public const string CompanyName = "Kelpline Logistics";

    public const string ProdAccountId = "210987654321";
    public const string DevAccountId = "310987654322";

    /// <summary>Referenced by trust policies only (Organizations management account); not part of the demo scan.</summary>
    public const string ManagementAccountId = "110987654320";

    /// <summary>Referenced by trust policies only (security tooling account that runs the scanner); not part of the demo scan.</summary>
    public const string SecurityToolingAccountId = "410987654323";

    /// <summary>Display name per demo account id.</summary>
    public static IReadOnlyDictionary<string, string> AccountNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ProdAccountId] = "Kelpline Production",
        [DevAccountId] = "Kelpline Development & Sandbox",
    };

    /// <summary>The demo accounts with display names, production first.</summary>
    public static IReadOnlyList<DemoAccount> Accounts(DateTimeOffset now) =>
    [
        new(ProdAccountId, AccountNames[ProdAccountId], "production", DemoPolicyLayer.Prod(DemoMonitoringAndNetwork.Prod(DemoProdAccount.Create(now), now), now)),
        new(DevAccountId, AccountNames[DevAccountId], "development", DemoPolicyLayer.Dev(DemoMonitoringAndNetwork.Dev(DemoDevAccount.Create(now), now), now)),
    ];

    /// <summary>The demo inventories, production first, as if both accounts had just been scanned at <paramref name="now"/>.</summary>
    public static IReadOnlyList<AccountInventory> Create(DateTimeOffset now) =>
        Accounts(now).Select(a => a.Inventory).ToArray();
}
