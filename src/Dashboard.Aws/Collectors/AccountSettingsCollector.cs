using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>Account contacts (global): contact information and the SECURITY, BILLING and OPERATIONS alternate contacts.</summary>
public sealed class AccountSettingsCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["account:GetContactInformation", "account:GetAlternateContact"];

    private static readonly string[] ContactTypes = ["SECURITY", "BILLING", "OPERATIONS"];
    private const string Service = "account";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var client = new AccountClient(context.Transport, context.GlobalRegion);
        var contact = await context.CallAsync(Service, Regions.Global, "GetContactInformation", null, client.GetContactInformationAsync, cancellationToken, "ResourceNotFoundException");
        var alternates = new SortedDictionary<string, AlternateContact>(StringComparer.Ordinal);
        foreach (var type in ContactTypes)
        {
            // ResourceNotFoundException: this contact type is not set (a state).
            var alternate = await context.CallAsync(Service, Regions.Global, "GetAlternateContact", type, c => client.GetAlternateContactAsync(type, c), cancellationToken, "ResourceNotFoundException");
            if (alternate.Value is { } value)
            {
                alternates[type] = value;
            }
        }

        var data = new AccountSettingsData { ContactInformation = contact.Value, AlternateContacts = alternates };
        return inventory => inventory with { Account = data };
    }
}
