using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Web.Features.Admin;

/// <summary>
/// How audit values are shown. Blazor HTML-encodes all text; on top of that, control characters (CR, LF, tab, …)
/// and invisible formatting characters (zero-width, right-to-left overrides) are shown as \n, \u202E and so on, so
/// a value cannot forge another log line or hide what it says.
/// </summary>
public static class AuditText
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Visible(string? value) => Visible(value, keepLineFeeds: false);

    private static string Visible(string? value, bool keepLineFeeds)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (!value.Any(c => NeedsEscape(c) && !(keepLineFeeds && c == '\n')))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\n' when keepLineFeeds => "\n",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsEscape(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Stored before/after JSON, indented for reading; text that is not JSON is shown as it is (made visible).</summary>
    public static string PrettyJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            // Inside JSON strings line breaks are already escaped, so the only raw line feeds are the indentation's;
            // anything else invisible that the encoder let through is escaped here.
            return Visible(JsonSerializer.Serialize(document.RootElement, Pretty), keepLineFeeds: true);
        }
        catch (JsonException)
        {
            return Visible(json);
        }
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
