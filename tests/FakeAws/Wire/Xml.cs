using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace FakeAws.Wire;

/// <summary>Terse XML building for the query, EC2 and REST-XML protocols. Null content is dropped.</summary>
public static class X
{
    public static XElement E(string name, params object?[] content) => new(name, content.Where(c => c is not null).Select(Value));

    /// <summary>Query-protocol list: &lt;name&gt;&lt;member&gt;...&lt;/member&gt;&lt;/name&gt;.</summary>
    public static XElement Members<T>(string name, IEnumerable<T> items, Func<T, object?[]> member) =>
        new(name, items.Select(i => E("member", member(i))));

    public static XElement MemberStrings(string name, IEnumerable<string> items) => new(name, items.Select(i => E("member", i)));

    /// <summary>EC2 list: &lt;xxxSet&gt;&lt;item&gt;...&lt;/item&gt;&lt;/xxxSet&gt;.</summary>
    public static XElement Items<T>(string name, IEnumerable<T> items, Func<T, object?[]> item) =>
        new(name, items.Select(i => E("item", item(i))));

    public static XElement TagSet(IReadOnlyDictionary<string, string> tags) =>
        Items("tagSet", tags.OrderBy(t => t.Key, StringComparer.Ordinal), t => [E("key", t.Key), E("value", t.Value)]);

    /// <summary>Query-protocol tags: Tags/member/Key,Value.</summary>
    public static XElement? QueryTags(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? null : Members("Tags", tags.OrderBy(t => t.Key, StringComparer.Ordinal), t => [E("Key", t.Key), E("Value", t.Value)]);

    public static string Iso(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static object Value(object? c) => c switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset d => Iso(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => c!,
    };

    /// <summary>Puts every element without a namespace into <paramref name="ns"/> and serialises with a declaration.</summary>
    public static byte[] Document(XElement root, string? ns)
    {
        if (ns is not null)
        {
            XNamespace n = ns;
            foreach (var el in root.DescendantsAndSelf())
            {
                if (el.Name.Namespace == XNamespace.None)
                {
                    el.Name = n + el.Name.LocalName;
                }
            }
        }

        return Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting));
    }
}
