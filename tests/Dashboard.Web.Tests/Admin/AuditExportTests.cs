using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Admin;
using Dashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>The audit exports over HTTP: exactly the filtered rows, RFC 4180, formula-safe, Admin only, audited.</summary>
public class AuditExportTests : IClassFixture<AuditExportTests.HostileLog>
{
    private readonly HostileLog _log;

    public AuditExportTests(HostileLog log) => _log = log;

    private DashboardAppFactory Factory => _log.Factory;

    [Fact]
    public async Task Csv_AsAdmin_IsExactlyTheFilteredRows_NewestFirst()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var response = await client.GetAsync(new Uri($"/admin/audit/export.csv?{HostileLog.Query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var records = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(AuditExport.Columns, records[0]);

        var expected = HostileLog.Events.OrderByDescending(e => e.At).ToList();
        Assert.Equal(expected.Count, records.Count - 1);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = records[i + 1];
            var e = expected[i];
            Assert.Equal(e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(e.Action, Unguard(row[2]));
            Assert.Equal(e.Actor, Unguard(row[3]));
            Assert.Equal(e.Target ?? "", Unguard(row[5]));
            Assert.Equal(e.Succeeded ? "true" : "false", row[6]);
            Assert.Equal(e.IpAddress ?? "", Unguard(row[7]));
            Assert.Equal(e.Before ?? "", Unguard(row[8]));
            Assert.Equal(e.After ?? "", Unguard(row[9]));
            Assert.Equal(e.Details ?? "", Unguard(row[10]));
        }
    }

    [Fact]
    public async Task Csv_FormulaCellsArePrefixed_AndNothingElseIs()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var records = Csv.Parse(await client.GetStringAsync(new Uri($"/admin/audit/export.csv?{HostileLog.Query}", UriKind.Relative)));
        var cells = records.Skip(1).SelectMany(r => r).ToList();

        Assert.Contains("'" + AdminTestData.Hyperlink, cells);
        Assert.Contains("'+cmd|' /C calc'!A0", cells);
        Assert.Contains("'-2+3", cells);
        Assert.Contains("'@SUM(1+1)", cells);
        Assert.Contains("'\tTAB", cells);
        Assert.Contains("'\rCR first", cells);
        Assert.Contains(AdminTestData.Script, cells);
        Assert.Contains(AdminTestData.ForgedLine + " " + HostileLog.Marker, cells);
        Assert.Contains(AdminTestData.Rtl, cells);
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
    }

    [Fact]
    public async Task Csv_RawText_QuotesOnlyWhereNeeded()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var text = await client.GetStringAsync(new Uri($"/admin/audit/export.csv?{HostileLog.Query}&action=user.hostile-quote", UriKind.Relative));
        var lines = text.Split("\r\n");
        Assert.Equal(string.Join(',', AuditExport.Columns), lines[0]);
        Assert.EndsWith(",\"say \"\"hi\"\", then, leave " + HostileLog.Marker + "\"", lines[1], StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Csv_OtherFilters_SelectExactlyTheirRows()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var url = $"/admin/audit/export.csv?q={HostileLog.Marker}&ok=no&from=2026-10-02&to=2026-10-02";
        var records = Csv.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        var expected = HostileLog.Events.Where(e => !e.Succeeded && e.At.UtcDateTime.Date == new DateTime(2026, 10, 2)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => e.Action).Order(), records.Skip(1).Select(r => r[2]).Order());
    }

    [Fact]
    public async Task Json_RoundTripsEveryValueExactly()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var response = await client.GetAsync(new Uri($"/admin/audit/export.json?{HostileLog.Query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(raw);
        var rows = document.RootElement.EnumerateArray().ToList();
        var expected = HostileLog.Events.OrderByDescending(e => e.At).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Actor, rows[i].GetProperty("actor").GetString());
            Assert.Equal(expected[i].Target, rows[i].GetProperty("target").GetString());
            Assert.Equal(expected[i].Details, rows[i].GetProperty("details").GetString());
            Assert.Equal(expected[i].Before, rows[i].GetProperty("before").GetString());
            Assert.Equal(expected[i].Succeeded, rows[i].GetProperty("succeeded").GetBoolean());
        }
    }

    [Fact]
    public async Task Export_IsAudited_WithFormatRowCountAndFilter()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var before = (await Factory.AuditAsync(a => a.Action == "audit.exported")).Count;
        await client.GetStringAsync(new Uri($"/admin/audit/export.csv?{HostileLog.Query}&ok=no", UriKind.Relative));

        var entries = await Factory.AuditAsync(a => a.Action == "audit.exported");
        Assert.Equal(before + 1, entries.Count);
        var entry = entries[^1];
        Assert.Equal(TestUsers.EmailFor(Roles.Admin), entry.Actor);
        Assert.NotNull(entry.UserId);
        Assert.Equal($"format=csv rows={HostileLog.Events.Count(e => !e.Succeeded)} filter: ok=no to=2026-10-31 q={HostileLog.Marker}", entry.Details);
    }

    [Fact]
    public async Task Export_DoesNotIncludeItsOwnAuditEntry()
    {
        using var client = await Factory.CreateClientForRoleAsync(Roles.Admin);
        var first = Csv.Parse(await client.GetStringAsync(new Uri("/admin/audit/export.csv?action=audit.exported", UriKind.Relative)));
        var second = Csv.Parse(await client.GetStringAsync(new Uri("/admin/audit/export.csv?action=audit.exported", UriKind.Relative)));
        Assert.Equal(first.Count + 1, second.Count);
    }

    [Theory]
    [InlineData(Roles.Viewer, "csv")]
    [InlineData(Roles.Analyst, "csv")]
    [InlineData(Roles.Operator, "csv")]
    [InlineData(Roles.Viewer, "json")]
    [InlineData(Roles.Operator, "json")]
    public async Task Export_OtherRoles_AreDenied(string role, string format)
    {
        using var client = await Factory.CreateClientForRoleAsync(role);
        var response = await client.GetAsync(new Uri($"/admin/audit/export.{format}", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal)),
            $"{role}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/admin/audit/export.csv")]
    [InlineData("/admin/audit/export.json")]
    public async Task Export_Anonymous_RedirectsToSignIn(string path)
    {
        using var client = Factory.CreateCookieClient();
        var response = await client.GetAsync(new Uri(path + "?q=x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=A1,\"b\"", "\"'=A1,\"\"b\"\"\"")]
    [InlineData("a=b", "a=b")]
    public void Cell_QuotesAndGuards(string? value, string expected) => Assert.Equal(expected, AuditExport.Cell(value));

    /// <summary>Removes the formula guard the export adds.</summary>
    private static string Unguard(string cell) => cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    public sealed class HostileLog : IAsyncLifetime
    {
        public const string Marker = "export-marker-5b1f";

        /// <summary>
        /// The seeded entries: the marker, and October (export entries written during the tests carry the marker in
        /// their details, but the app's clock puts them in November).
        /// </summary>
        public const string Query = "q=" + Marker + "&to=2026-10-31";
        private static readonly DateTimeOffset Start = new(2026, 10, 1, 20, 0, 0, TimeSpan.Zero);

        public DashboardAppFactory Factory { get; } = new();

        public static IReadOnlyList<AuditEvent> Events { get; } =
        [
            Event(0, "user.hostile-link", AdminTestData.Hyperlink, "user:x", true, details: Marker),
            Event(1, "user.hostile-script", "admin@test.local", AdminTestData.Script, false, details: "ctx " + Marker, after: """{"Name":"<script>alert(1)</script>"}"""),
            Event(2, "user.hostile-plus", "+cmd|' /C calc'!A0", "user:y", true, details: "plus " + Marker),
            Event(3, "user.hostile-minus", "admin@test.local", "-2+3", false, details: "minus " + Marker, before: """{"Count":-1}"""),
            Event(4, "user.hostile-at", "admin@test.local", "user:z", true, ip: "@SUM(1+1)", details: "at " + Marker),
            Event(5, "user.hostile-tab", "\tTAB", "user:t", false, details: "tab " + Marker),
            Event(6, "user.hostile-cr", "\rCR first", "user:c", true, details: "cr " + Marker),
            Event(7, "user.hostile-newline", "admin@test.local", "user:n", false, details: AdminTestData.ForgedLine + " " + Marker),
            Event(8, "user.hostile-rtl", "admin@test.local", AdminTestData.Rtl, true, details: "rtl " + Marker),
            Event(9, "user.hostile-quote", "admin@test.local", "user:q", true, details: "say \"hi\", then, leave " + Marker),
        ];

        private static AuditEvent Event(int hour, string action, string actor, string target, bool succeeded, string? ip = null,
            string? details = null, string? before = null, string? after = null) => new()
            {
                At = Start.AddHours(hour),
                Action = action,
                Actor = actor,
                Target = target,
                Succeeded = succeeded,
                IpAddress = ip,
                Details = details,
                Before = before,
                After = after,
            };

        public async Task InitializeAsync()
        {
            // Noise that the filter must leave out.
            var noise = new AuditEvent { At = Start, Action = "user.hostile-link", Actor = "x", Target = "user:noise", Details = "no marker" };
            await Factory.AddAuditAsync(Events.Select(Copy).Append(noise));
        }

        private static AuditEvent Copy(AuditEvent e) => new()
        {
            At = e.At, Action = e.Action, Actor = e.Actor, Target = e.Target, Succeeded = e.Succeeded, IpAddress = e.IpAddress,
            Details = e.Details, Before = e.Before, After = e.After,
        };

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}

/// <summary>A strict RFC 4180 reader for the tests (CRLF record ends; quoted fields may hold commas, quotes and line breaks).</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else if (text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                if (text[i] is '"' or '\r' or '\n')
                {
                    throw new FormatException($"unquoted {(int)text[i]} at {i}");
                }

                field.Append(text[i++]);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            throw new FormatException("the last record does not end with CRLF");
        }

        return records;
    }
}
