using System.Text.Json;
using System.Xml.Linq;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

/// <summary>Base for the small typed clients: one service in one region over an <see cref="IAwsTransport"/>.</summary>
public abstract class ServiceClient(IAwsTransport transport, AwsService service, string region)
{
    protected string Region { get; } = region;

    protected async Task<T> JsonAsync<T>(AwsOperation operation, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var body = await transport.SendAsync(service, Region, operation, cancellationToken);
        using var document = Json.Parse(body);
        return map(document.RootElement);
    }

    protected async Task<T> XmlAsync<T>(AwsOperation operation, Func<XElement, T> map, CancellationToken cancellationToken) =>
        map(Xml.Result(await transport.SendAsync(service, Region, operation, cancellationToken), operation.Name));
}
