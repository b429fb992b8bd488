using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Features.Admin;

/// <summary>
/// The audit log view as a query string, so a filtered view can be bookmarked and shared; the exports take the same
/// parameters (without paging). ok=yes|no filters on the outcome; from/to are UTC days (yyyy-MM-dd).
/// </summary>
public static class AuditUrl
{
    public const string PagePath = "/admin/audit";
    public const string CsvExportPath = "/admin/audit/export.csv";
    public const string JsonExportPath = "/admin/audit/export.json";

    private const string DateFormat = "yyyy-MM-dd";

    public static AuditPageRequest Parse(IReadOnlyDictionary<string, string?> query)
    {
        var filter = new AuditFilter
        {
            Action = NullIfEmpty(query.GetValueOrDefault("action")),
            Actor = NullIfEmpty(query.GetValueOrDefault("actor")),
            Target = NullIfEmpty(query.GetValueOrDefault("target")),
            Succeeded = query.GetValueOrDefault("ok")?.Trim().ToLowerInvariant() switch
            {
                "yes" or "true" => true,
                "no" or "false" => false,
                _ => null,
            },
            From = ParseDate(query.GetValueOrDefault("from")),
            To = ParseDate(query.GetValueOrDefault("to")),
            Text = NullIfEmpty(query.GetValueOrDefault("q")),
        };
        var page = int.TryParse(query.GetValueOrDefault("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p - 1 : 0;
        var size = int.TryParse(query.GetValueOrDefault("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var z) && z is > 0 and <= AuditQuery.MaxPageSize
            ? z
            : AuditQuery.DefaultPageSize;
        return new AuditPageRequest(filter, page, size);
    }

    /// <summary>Reads an HTTP request's query string (the first value of each parameter).</summary>
    public static AuditPageRequest Parse(IQueryCollection query) =>
        Parse(query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase));

    public static string ToUrl(AuditPageRequest request)
    {
        var parameters = FilterParameters(request.Filter);
        if (request.Page > 0)
        {
            parameters["page"] = (request.Page + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (request.PageSize != AuditQuery.DefaultPageSize)
        {
            parameters["size"] = request.PageSize.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(PagePath, parameters);
    }

    public static string CsvExportUrl(AuditFilter filter) => QueryHelpers.AddQueryString(CsvExportPath, FilterParameters(filter));

    public static string JsonExportUrl(AuditFilter filter) => QueryHelpers.AddQueryString(JsonExportPath, FilterParameters(filter));

    /// <summary>The filter as "key=value" pairs, for the audit entry of an export.</summary>
    public static string Describe(AuditFilter filter)
    {
        var parameters = FilterParameters(filter);
        return parameters.Count == 0 ? "(none)" : string.Join(" ", parameters.Select(p => $"{p.Key}={p.Value}"));
    }

    public static string? FormatDate(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static Dictionary<string, string?> FilterParameters(AuditFilter filter)
    {
        var parameters = new Dictionary<string, string?>();
        Add(parameters, "action", filter.Action);
        Add(parameters, "actor", filter.Actor);
        Add(parameters, "target", filter.Target);
        Add(parameters, "ok", filter.Succeeded switch { true => "yes", false => "no", null => null });
        Add(parameters, "from", FormatDate(filter.From));
        Add(parameters, "to", FormatDate(filter.To));
        Add(parameters, "q", filter.Text);
        return parameters;
    }

    private static void Add(Dictionary<string, string?> parameters, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters[key] = value;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
