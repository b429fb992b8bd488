using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks;

/// <summary>What policy analyses need to know about the scanned account, taken from its inventory.</summary>
internal static class PolicyContext
{
    /// <summary>
    /// The owner account, its organization and the organization's other accounts (trusted like the owner). When the
    /// organization's account list is not visible (a member account), other accounts count as external: the safe side.
    /// </summary>
    public static AccessOptions AccessOptions(this AccountInventory inventory) => new(inventory.AccountId)
    {
        OrganizationId = inventory.Organization?.Id,
        TrustedAccountIds = inventory.Organization?.Accounts.Select(a => a.Id).ToList() ?? [],
    };

    /// <summary>Values joined for evidence and reasons: "a", "b", or "none".</summary>
    public static string JoinValues(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Select(v => $"\"{v}\"").ToList();
        return distinct.Count == 0 ? "none" : string.Join(", ", distinct);
    }
}
