using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeAws.Wire;

/// <summary>Terse JSON building for the JSON and REST-JSON protocols. Null members are left out.</summary>
public static class J
{
    public static JsonObject O(params (string Key, object? Value)[] members)
    {
        var o = new JsonObject();
        foreach (var (key, value) in members)
        {
            if (value is not null)
            {
                o[key] = Node(value);
            }
        }

        return o;
    }

    public static JsonArray A<T>(IEnumerable<T> items, Func<T, object?> item) => new(items.Select(i => Node(item(i))).ToArray());

    public static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    public static JsonObject Map(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }

        return o;
    }

    /// <summary>Epoch seconds, the JSON protocols' default timestamp format.</summary>
    public static double Epoch(DateTimeOffset d) => d.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>ISO 8601, for members whose model says timestampFormat iso8601 or whose type is string.</summary>
    public static string Iso(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        JsonNode n => n,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        DateTimeOffset d => JsonValue.Create(Epoch(d)),
        _ => throw new ArgumentException($"Unsupported JSON value {value.GetType()}"),
    };
}
