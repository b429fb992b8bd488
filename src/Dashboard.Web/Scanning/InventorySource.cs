using Dashboard.Core.Demo;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Where a scan's inventory comes from: the bundled demo organisation for demo accounts.
/// Real AWS collection plugs in here; until it lands, scanning a real account fails with a clear message.
/// </summary>
public class InventorySource
{
    public virtual Task<AccountInventory> CollectAsync(CloudAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account.IsDemo)
        {
            var demo = DemoOrganization.Accounts(now).FirstOrDefault(a => a.AccountId == account.AwsAccountId)
                ?? throw new InvalidOperationException($"Account {account.AwsAccountId} is marked as demo but is not part of the demo organisation.");
            return Task.FromResult(demo.Inventory);
        }

        throw new NotSupportedException(
            $"Account {account.AwsAccountId} cannot be scanned yet: collection from AWS is not available in this build.");
    }
}
