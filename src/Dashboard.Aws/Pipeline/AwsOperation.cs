using System.Text.Json.Nodes;

namespace Dashboard.Aws.Pipeline;

/// <summary>
/// One API call in protocol-neutral form. Query services use <see cref="Parameters"/> (flattened, e.g. "Foo.member.1");
/// JSON 1.1 services use <see cref="Body"/>; REST services use <see cref="Method"/>, <see cref="Path"/> with
/// {Label} placeholders filled from <see cref="PathLabels"/> (raw values: the SDK encodes them),
/// <see cref="Parameters"/> as the query string and <see cref="Body"/> as the JSON payload.
/// </summary>
public sealed class AwsOperation
{
    public AwsOperation(string name) => Name = name;

    public string Name { get; }
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);
    public JsonObject? Body { get; set; }
    public string Method { get; set; } = "POST";
    public string Path { get; set; } = "/";
    public Dictionary<string, string> PathLabels { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Host prefix, e.g. "123456789012." for S3 Control; skipped for IP or localhost endpoints.</summary>
    public string? HostPrefix { get; set; }

    public AwsOperation With(string name, string? value)
    {
        if (value is not null)
        {
            Parameters[name] = value;
        }

        return this;
    }

    public static AwsOperation Rest(string name, string method, string path) => new(name) { Method = method, Path = path };
}

/// <summary>The seam between typed clients and the wire: returns the raw success body or throws AmazonServiceException.</summary>
public interface IAwsTransport
{
    Task<byte[]> SendAsync(AwsService service, string region, AwsOperation operation, CancellationToken cancellationToken);
}
