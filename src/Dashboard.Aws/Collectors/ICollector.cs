using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// One service's collector: it collects its part of the inventory and declares, as a static list, every IAM action
/// its calls need. The scanner policy (docs/scanner-iam-policy.json) is generated from these declarations.
/// </summary>
public interface ICollector
{
    /// <summary>Short name for progress and logs, e.g. "iam".</summary>
    string Name { get; }

    IReadOnlyList<string> IamActions { get; }

    /// <summary>
    /// Collectors that read another collector's output (the monitoring chain reads the trails) run after the others
    /// and see their results in the inventory they are given.
    /// </summary>
    bool DependsOnOtherCollectors => false;

    /// <summary>Collects and returns how to put the result into the inventory.</summary>
    Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken);
}
