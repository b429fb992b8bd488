using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Inventory;
using Microsoft.AspNetCore.Http;

namespace FakeAws.Wire;

/// <summary>One authenticated request, after the service, region, account and operation are known.</summary>
public sealed class Call
{
    public required ServiceInfo Service { get; init; }
    public required string Region { get; init; }
    public required AccountState Account { get; init; }
    public required string Operation { get; init; }
    public required HttpContext Http { get; init; }
    public required FakeState State { get; init; }

    /// <summary>The caller's principal ARN (IAM user or assumed-role session).</summary>
    public required string Principal { get; init; }

    /// <summary>Form parameters (query and EC2 protocols) or URL query parameters (REST protocols).</summary>
    public required IReadOnlyDictionary<string, string> Params { get; init; }

    /// <summary>Decoded URI labels of REST operations ({Bucket}, {DetectorId}, ...).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The JSON body (JSON and REST-JSON protocols); empty object when none.</summary>
    public JsonObject Body { get; init; } = [];

    public AccountInventory Inventory => Account.Scenario.Inventory;

    public string? P(string name) => Params.TryGetValue(name, out var v) ? v : null;

    public string? Label(string name) => Labels.TryGetValue(name, out var v) ? v : null;

    public string? J(string name) => Body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public int? JInt(string name) => Body[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public bool? JBool(string name) => Body[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public IReadOnlyList<string> JList(string name) =>
        Body[name] is JsonArray a ? a.Select(n => n?.GetValue<string>()).OfType<string>().ToArray() : [];

    public int? PInt(string name) => int.TryParse(P(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Query-protocol list parameter (Name.member.1, Name.member.2, ...) or EC2 list (Name.1, Name.2, ...).</summary>
    public IReadOnlyList<string> PList(string name)
    {
        var prefix = Service.Protocol == Protocol.Ec2 ? name + "." : name + ".member.";
        return Params.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(p.Key[prefix.Length..], out _))
            .OrderBy(p => int.Parse(p.Key[prefix.Length..], CultureInfo.InvariantCulture))
            .Select(p => p.Value).ToArray();
    }

    /// <summary>EC2 filters: Filter.N.Name with Filter.N.Value.M.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var n = 1; P($"Filter.{n}.Name") is { } filterName; n++)
        {
            result[filterName] = PList($"Filter.{n}.Value");
        }

        return result;
    }

    /// <summary>
    /// One page of <paramref name="all"/>: the page size is the smaller of the caller's limit (or the operation's
    /// default) and the scenario's forced page size. Tokens are opaque offsets.
    /// </summary>
    public (IReadOnlyList<T> Items, string? Next) Page<T>(IReadOnlyList<T> all, string? token, int? requested, int defaultSize = int.MaxValue)
    {
        var offset = 0;
        if (!string.IsNullOrEmpty(token))
        {
            if (!token.StartsWith("fake-page-", StringComparison.Ordinal) || !int.TryParse(token["fake-page-".Length..], out offset) || offset < 0 || offset > all.Count)
            {
                throw Service.Protocol == Protocol.Json
                    ? new AwsException("InvalidNextTokenException", "Invalid pagination token.")
                    : AwsException.Validation(Service, "The pagination token is invalid.");
            }
        }

        var size = Math.Min(requested is > 0 ? requested.Value : defaultSize, State.Scenario.Faults.PageSize ?? int.MaxValue);
        var items = all.Skip(offset).Take(size).ToArray();
        var end = offset + items.Length;
        return (items, end < all.Count ? $"fake-page-{end}" : null);
    }

    public static long Epoch(DateTimeOffset d) => d.ToUnixTimeSeconds();
}
