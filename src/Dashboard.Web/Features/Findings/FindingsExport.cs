using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Xml;
using Dashboard.Web.Features.Admin;
using Dashboard.Web.Security;

namespace Dashboard.Web.Features.Findings;

/// <summary>
/// GET /findings/export.csv, .xlsx and .json: exactly the rows the explorer's filter selects (same query string,
/// same order, every page), streamed from the database. CSV cells are formula-safe (see <see cref="AuditExport.Cell"/>);
/// XLSX cells are inline strings, which a spreadsheet never evaluates. Each export is audited.
/// </summary>
public static class FindingsExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Id", "Account", "AwsAccountId", "CheckId", "CheckTitle", "Service", "Severity", "Status", "TriageState", "Lifecycle",
        "Region", "ResourceId", "ResourceArn", "Reason", "Assignee", "DueAt", "Muted", "FirstSeen", "LastSeen",
    ];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static IEndpointRouteBuilder MapFindingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/findings").RequireAuthorization(Policies.View);
        group.MapGet("/export.csv", (HttpContext context, FindingsQuery query, AuditLog audit, TimeProvider clock) =>
            ExportAsync(context, query, audit, clock, "csv", "text/csv; charset=utf-8", WriteCsvAsync));
        group.MapGet("/export.json", (HttpContext context, FindingsQuery query, AuditLog audit, TimeProvider clock) =>
            ExportAsync(context, query, audit, clock, "json", "application/json; charset=utf-8", WriteJsonAsync));
        group.MapGet("/export.xlsx", (HttpContext context, FindingsQuery query, AuditLog audit, TimeProvider clock) =>
            ExportAsync(context, query, audit, clock, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", WriteXlsxAsync));
        return endpoints;
    }

    public static FindingsPageRequest ParseRequest(HttpContext context) =>
        FindingsUrl.Parse(context.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));

    private static async Task<IResult> ExportAsync(
        HttpContext context, FindingsQuery query, AuditLog audit, TimeProvider clock, string format, string contentType,
        Func<IAsyncEnumerable<FindingRow>, Stream, CancellationToken, Task> write)
    {
        var request = ParseRequest(context);
        var user = context.User;
        await audit.WriteAsync("findings.exported", user.Identity?.Name ?? "unknown", user.FindFirstValue(ClaimTypes.NameIdentifier),
            target: "findings", details: $"format={format} filter: {FindingsUrl.ToUrl(request)}");
        context.Response.Headers.CacheControl = "no-store";
        var fileName = $"findings-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{format}";
        var cancellationToken = context.RequestAborted;
        return Results.Stream(stream => write(query.GetAllAsync(request, cancellationToken), stream, cancellationToken), contentType, fileName);
    }

    private static string[] Values(FindingRow row) =>
    [
        row.Id.ToString(CultureInfo.InvariantCulture), row.AccountName, row.AwsAccountId, row.CheckId, row.CheckTitle, row.Service,
        row.Severity.ToString(), row.Status.ToString(), row.TriageState.ToString(), row.Lifecycle.ToString(), row.Region, row.ResourceId,
        row.ResourceArn ?? "", row.Reason, row.Assignee ?? "", Time(row.DueAt), row.Muted ? "true" : "false", Time(row.FirstSeen), Time(row.LastSeen),
    ];

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static async Task WriteCsvAsync(IAsyncEnumerable<FindingRow> rows, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', Values(row).Select(AuditExport.Cell)));
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static async Task WriteJsonAsync(IAsyncEnumerable<FindingRow> rows, Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            var values = Values(row);
            for (var i = 0; i < Columns.Count; i++)
            {
                var name = char.ToLowerInvariant(Columns[i][0]) + Columns[i][1..];
                if (i == 0)
                {
                    json.WriteNumber(name, row.Id);
                }
                else if (Columns[i] == "Muted")
                {
                    json.WriteBoolean(name, row.Muted);
                }
                else if (values[i].Length == 0 && Columns[i] is "ResourceArn" or "Assignee" or "DueAt")
                {
                    json.WriteNull(name);
                }
                else
                {
                    json.WriteString(name, values[i]);
                }
            }

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
    /// A minimal SpreadsheetML workbook (one sheet, inline strings) written with System.IO.Compression. The zip is
    /// built in a temporary file because the archive writer is synchronous; then it is copied to the response.
    /// </summary>
    public static async Task WriteXlsxAsync(IAsyncEnumerable<FindingRow> rows, Stream stream, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"findings-export-{Guid.NewGuid():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Findings" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);

            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            using var xml = XmlWriter.Create(sheet, new XmlWriterSettings { Encoding = Utf8, CheckCharacters = false });
            xml.WriteStartDocument(standalone: true);
            xml.WriteStartElement("worksheet", Main);
            xml.WriteStartElement("sheetData", Main);
            WriteRow(xml, 1, Columns);
            var number = 1;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                WriteRow(xml, ++number, Values(row));
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        file.Position = 0;
        await file.CopyToAsync(stream, cancellationToken);
    }

    private static void WriteRow(XmlWriter xml, int number, IReadOnlyList<string> values)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        xml.WriteStartElement("row", Main);
        xml.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < values.Count; i++)
        {
            xml.WriteStartElement("c", Main);
            xml.WriteAttributeString("r", ColumnName(i) + number.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("t", "inlineStr");
            xml.WriteStartElement("is", Main);
            xml.WriteStartElement("t", Main);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            xml.WriteString(XmlSafe(values[i]));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>XML 1.0 forbids most control characters; drop them rather than write an unreadable file.</summary>
    private static string XmlSafe(string value) =>
        value.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r')) ? new string(value.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r').ToArray()) : value;

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), Utf8);
        writer.Write(content.Trim());
    }
}
