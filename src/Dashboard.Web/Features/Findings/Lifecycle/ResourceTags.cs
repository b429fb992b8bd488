using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Dashboard.Core.Inventory;

namespace Dashboard.Web.Features.Findings.Lifecycle;

/// <summary>
/// Tags of every tagged resource in an inventory, by the resource's ids, names and ARNs. Check results do not carry
/// tags, so mute rules by tag look them up here. Inventory records are walked generically: any record with a
/// Tags dictionary contributes, so a new service's tagged records need no change here.
/// </summary>
public static class ResourceTags
{
    public static IReadOnlyDictionary<string, string> Index(AccountInventory inventory)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(inventory, index, 0);
        return index;
    }

    /// <summary>"key=value" lines, sorted, the form stored on a finding.</summary>
    public static string Format(IReadOnlyDictionary<string, string> tags) =>
        string.Join('\n', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static void Walk(object? node, Dictionary<string, string> index, int depth)
    {
        if (node is null || depth > 5 || node is string)
        {
            return;
        }

        if (node is IEnumerable items and not IDictionary)
        {
            foreach (var item in items)
            {
                Walk(item, index, depth + 1);
            }

            return;
        }

        var shape = Shapes.GetOrAdd(node.GetType(), Shape.Of);
        if (shape is null)
        {
            return;
        }

        if (shape.Tags?.GetValue(node) is IReadOnlyDictionary<string, string> { Count: > 0 } tags)
        {
            var formatted = Format(tags);
            foreach (var property in shape.Ids)
            {
                if (property.GetValue(node) is string { Length: > 0 } id)
                {
                    index.TryAdd(id, formatted);
                }
            }
        }

        foreach (var property in shape.Children)
        {
            Walk(property.GetValue(node), index, depth + 1);
        }
    }

    /// <summary>What the walk reads of an inventory record type, found once per type (a scan has thousands of records).</summary>
    private static readonly ConcurrentDictionary<Type, Shape?> Shapes = new();

    private sealed record Shape(PropertyInfo? Tags, PropertyInfo[] Ids, PropertyInfo[] Children)
    {
        public static Shape? Of(Type type)
        {
            if (type.Namespace != typeof(AccountInventory).Namespace || type.IsEnum || type.IsPrimitive)
            {
                return null;
            }

            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
            return new Shape(
                properties.FirstOrDefault(p => p.Name == "Tags"),
                properties.Where(p => p.PropertyType == typeof(string) && IsIdentity(p.Name)).ToArray(),
                properties.Where(p => !p.PropertyType.IsValueType && p.PropertyType != typeof(string) && p.Name != "Tags").ToArray());
        }
    }

    private static bool IsIdentity(string name) =>
        name is "Id" or "Name" or "Arn" || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Arn", StringComparison.Ordinal) || name.EndsWith("Name", StringComparison.Ordinal);
}
