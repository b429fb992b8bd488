using System.Text.Json;

namespace Dashboard.Deployment.Tests;

/// <summary>Every configuration key path ("Section:Sub:Key") of a JSON settings file, compared case-insensitively
/// as Microsoft.Extensions.Configuration does.</summary>
internal static class ConfigurationKeys
{
    public static IReadOnlySet<string> FromJson(string json)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var document = JsonDocument.Parse(json, options);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(document.RootElement, null, keys);
        return keys;
    }

    /// <summary>Env var name to configuration key: "Logging__LogLevel__Default" to "Logging:LogLevel:Default".</summary>
    public static string FromEnvironmentVariable(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    private static void Collect(JsonElement element, string? prefix, HashSet<string> keys)
    {
        if (prefix is not null)
        {
            keys.Add(prefix);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", keys);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, $"{prefix}:{index++}", keys);
                }

                break;
        }
    }
}
