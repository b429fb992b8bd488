using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Security;

namespace Dashboard.Web.Features.Admin;

/// <summary>
/// GET /admin/audit/export.csv and export.json: exactly the rows the audit page's filter selects (same query
/// string), streamed. CSV is RFC 4180 (CRLF, quoted when needed), UTF-8 with a byte-order mark, and safe to open in
/// a spreadsheet: a cell that starts with = + - @ tab or CR gets a leading apostrophe so it is never a formula.
/// Each export is itself audited.
/// </summary>
public static class AuditExport
{
    public static readonly IReadOnlyList<string> Columns =
        ["Id", "At", "Action", "Actor", "UserId", "Target", "Succeeded", "IpAddress", "Before", "After", "Details"];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(AuditUrl.PagePath).RequireAuthorization(Policies.Admin);
        group.MapGet("/export.csv", (HttpContext context, AuditQuery query, AuditLog audit, TimeProvider clock) =>
            ExportAsync(context, query, audit, clock, "csv", "text/csv; charset=utf-8", WriteCsvAsync));
        group.MapGet("/export.json", (HttpContext context, AuditQuery query, AuditLog audit, TimeProvider clock) =>
            ExportAsync(context, query, audit, clock, "json", "application/json; charset=utf-8", WriteJsonAsync));
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context, AuditQuery query, AuditLog audit, TimeProvider clock, string format, string contentType,
        Func<IAsyncEnumerable<AuditRow>, Stream, CancellationToken, Task> write)
    {
        var filter = AuditUrl.Parse(context.Request.Query).Filter;
        var cancellationToken = context.RequestAborted;

        // Fix the snapshot before auditing, so the export's own entry is not part of it.
        var lastId = await query.GetLastIdAsync(cancellationToken);
        var count = await query.CountAsync(filter, lastId, cancellationToken);
        var user = context.User;
        await audit.WriteAsync("audit.exported", user.Identity?.Name ?? "unknown", user.FindFirstValue(ClaimTypes.NameIdentifier),
            target: "audit-log", details: $"format={format} rows={count} filter: {AuditUrl.Describe(filter)}");

        context.Response.Headers.CacheControl = "no-store";
        var fileName = $"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{format}";
        return Results.Stream(stream => write(query.StreamAsync(filter, lastId, cancellationToken), stream, cancellationToken), contentType, fileName);
    }

    public static async Task WriteCsvAsync(IAsyncEnumerable<AuditRow> rows, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',',
                row.Id.ToString(CultureInfo.InvariantCulture),
                Cell(FormatTime(row.At)),
                Cell(row.Action),
                Cell(row.Actor),
                Cell(row.UserId),
                Cell(row.Target),
                row.Succeeded ? "true" : "false",
                Cell(row.IpAddress),
                Cell(row.Before),
                Cell(row.After),
                Cell(row.Details)));
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static async Task WriteJsonAsync(IAsyncEnumerable<AuditRow> rows, Stream stream, CancellationToken cancellationToken)
    {
        // The default encoder escapes < > & ' + and control characters, so the file is also safe to embed or view.
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("id", row.Id);
            json.WriteString("at", FormatTime(row.At));
            json.WriteString("action", row.Action);
            json.WriteString("actor", row.Actor);
            json.WriteString("userId", row.UserId);
            json.WriteString("target", row.Target);
            json.WriteBoolean("succeeded", row.Succeeded);
            json.WriteString("ipAddress", row.IpAddress);
            json.WriteString("before", row.Before);
            json.WriteString("after", row.After);
            json.WriteString("details", row.Details);
            json.WriteEndObject();
            if (json.BytesPending > 16 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// One CSV field: a value a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection),
    /// then the field is quoted when it holds a comma, quote, CR or LF, with quotes doubled (RFC 4180).
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
