using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

/// <summary>Account Management (REST-JSON, global), shaped like AWSSDK.Account.</summary>
public sealed class AccountClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Account, region)
{
    public Task<ContactInformation?> GetContactInformationAsync(CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("GetContactInformation", "POST", "/getContactInformation");
        operation.Body = [];
        return JsonAsync(operation, root => root.Get("ContactInformation") is { } c
            ? new ContactInformation(c.Str("FullName") ?? "", c.Str("CompanyName"), c.Str("PhoneNumber") ?? "", c.Str("CountryCode") ?? "")
            : null, cancellationToken);
    }

    public Task<AlternateContact?> GetAlternateContactAsync(string alternateContactType, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("GetAlternateContact", "POST", "/getAlternateContact");
        operation.Body = new JsonObject { ["AlternateContactType"] = alternateContactType };
        return JsonAsync(operation, root => root.Get("AlternateContact") is { } c
            ? new AlternateContact(c.Str("AlternateContactType") ?? alternateContactType, c.Str("Name") ?? "", c.Str("EmailAddress") ?? "", c.Str("PhoneNumber") ?? "", c.Str("Title"))
            : null, cancellationToken);
    }
}
