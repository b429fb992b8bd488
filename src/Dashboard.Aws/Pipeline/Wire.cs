using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Aws.Pipeline;

/// <summary>Reading query/REST-XML bodies by local name (IAM and friends use a default namespace).</summary>
internal static class Xml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };

    public static XElement Parse(byte[] body)
    {
        using var stream = new MemoryStream(body);
        using var reader = XmlReader.Create(stream, Settings);
        return XDocument.Load(reader).Root ?? throw new XmlException("empty XML body");
    }

    /// <summary>The &lt;OpResult&gt; element of a query response (or the root when there is none).</summary>
    public static XElement Result(byte[] body, string operation)
    {
        var root = Parse(body);
        return root.El(operation + "Result") ?? root;
    }

    public static XElement? El(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The element's text; an empty element is treated as absent (query services omit or empty optional members).</summary>
    public static string? Str(this XElement element, string name) => element.El(name)?.Value is { Length: > 0 } value ? value : null;

    public static bool Bool(this XElement element, string name) =>
        string.Equals(element.Str(name), "true", StringComparison.OrdinalIgnoreCase);

    public static bool? NBool(this XElement element, string name) =>
        element.Str(name) is { } s ? string.Equals(s, "true", StringComparison.OrdinalIgnoreCase) : null;

    public static int? Int(this XElement element, string name) =>
        int.TryParse(element.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static DateTimeOffset? Date(this XElement element, string name) =>
        DateTimeOffset.TryParse(element.Str(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v : null;

    /// <summary>The &lt;member&gt; items of a query list.</summary>
    public static IEnumerable<XElement> Members(this XElement element, string listName, string itemName = "member") =>
        element.El(listName)?.Elements().Where(e => e.Name.LocalName == itemName) ?? [];

    /// <summary>A query map: &lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;.</summary>
    public static Dictionary<string, string> Map(this XElement element, string name) =>
        (element.El(name)?.Elements() ?? [])
            .Where(e => e.Name.LocalName == "entry")
            .Select(e => (Key: e.Str("key"), Value: e.Str("value")))
            .Where(e => e.Key is not null)
            .GroupBy(e => e.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);

    /// <summary>Query tag lists: &lt;Tags&gt;&lt;member&gt;&lt;Key/&gt;&lt;Value/&gt;.</summary>
    public static Dictionary<string, string> Tags(this XElement element, string listName, string itemName = "member") =>
        (element.El(listName)?.Elements() ?? [])
            .Where(e => e.Name.LocalName == itemName)
            .Select(e => (Key: e.Str("Key"), Value: e.Str("Value")))
            .Where(e => e.Key is not null)
            .GroupBy(e => e.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);
}

/// <summary>Reading JSON bodies with exact, case-sensitive member names.</summary>
internal static class Json
{
    public static JsonDocument Parse(byte[] body) => JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);

    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static bool Bool(this JsonElement element, string name) => element.NBool(name) ?? false;

    public static bool? NBool(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } v => string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        _ => null,
    };

    public static int? Int(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    /// <summary>Epoch seconds (possibly fractional) for json/rest-json, or ISO-8601 where the model says so.</summary>
    public static DateTimeOffset? Date(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetDouble() * 1000)),
        { ValueKind: JsonValueKind.String } v when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };

    public static IEnumerable<JsonElement> Arr(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) =>
        element.Arr(name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();

    public static Dictionary<string, string> StringMap(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Object } v
            ? v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Tag lists of [{Key, Value}] (or lowerCamel {key, value}).</summary>
    public static Dictionary<string, string> TagList(this JsonElement element, string name, string key = "Key", string value = "Value")
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in element.Arr(name))
        {
            if (tag.Str(key) is { } k)
            {
                tags[k] = tag.Str(value) ?? "";
            }
        }

        return tags;
    }
}
