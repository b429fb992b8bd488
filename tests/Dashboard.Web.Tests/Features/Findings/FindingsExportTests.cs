using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Findings;

/// <summary>Exports over HTTP contain exactly the rows the same filter shows in the explorer, in CSV, XLSX and JSON.</summary>
public sealed class FindingsExportTests : IClassFixture<FindingsExportTests.Seeded>
{
    private const string Filter = "severity=High,Critical&status=any&region=eu-west-1&sort=resource&dir=asc";
    private readonly Seeded _seeded;

    public FindingsExportTests(Seeded seeded) => _seeded = seeded;

    private List<Finding> Expected => _seeded.Findings
        .Where(f => f.Severity is Severity.High or Severity.Critical && f.Region == "eu-west-1" && f.MutedByRuleId is null)
        .OrderBy(f => f.ResourceId, StringComparer.Ordinal).ThenBy(f => f.Id).ToList();

    [Fact]
    public async Task Csv_ContainsExactlyTheFilteredRows_FormulaSafe()
    {
        using var client = await _seeded.Factory.CreateClientForRoleAsync(Roles.Viewer);
        var text = await client.GetStringAsync(new Uri("/findings/export.csv?" + Filter, UriKind.Relative));
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', FindingsExport.Columns), lines[0]);
        Assert.Equal(Expected.Select(f => f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(lines, l => l.Contains(",'=HYPERLINK(1),", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal));
        Assert.True(Expected.Count is > 3 and < 60, $"the filter should select a real subset, got {Expected.Count}");
    }

    [Fact]
    public async Task Json_ContainsExactlyTheFilteredRows()
    {
        using var client = await _seeded.Factory.CreateClientForRoleAsync(Roles.Viewer);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/findings/export.json?" + Filter, UriKind.Relative)));
        Assert.Equal(Expected.Select(f => f.Id), json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Contains(e.GetProperty("severity").GetString(), new[] { "High", "Critical" }));
    }

    [Fact]
    public async Task Xlsx_IsAWorkbookWithExactlyTheFilteredRows()
    {
        using var client = await _seeded.Factory.CreateClientForRoleAsync(Roles.Viewer);
        var response = await client.GetAsync(new Uri("/findings/export.xlsx?" + Filter, UriKind.Relative));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        await using var sheetStream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var sheet = XDocument.Load(sheetStream);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = sheet.Descendants(main + "row").Select(r => r.Elements(main + "c").Select(c => c.Value).ToList()).ToList();
        Assert.Equal(FindingsExport.Columns, rows[0]);
        Assert.Equal(Expected.Select(f => f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.All(sheet.Descendants(main + "c"), c => Assert.Equal("inlineStr", (string?)c.Attribute("t")));
        Assert.Equal("AA", FindingsExport.ColumnName(26));
    }

    [Fact]
    public async Task Api_HonoursTheSameFilters()
    {
        using var client = await _seeded.Factory.CreateClientForRoleAsync(Roles.Viewer);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/findings?size=200&" + Filter, UriKind.Relative)));
        Assert.Equal(Expected.Count, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(Expected.Select(f => f.Id), json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Export_Anonymous_IsRefused()
    {
        using var client = _seeded.Factory.CreateCookieClient();
        var response = await client.GetAsync(new Uri("/findings/export.csv", UriKind.Relative));
        Assert.False(response.IsSuccessStatusCode);
    }

    /// <summary>120 findings over regions and severities, one muted (res-019), one with a formula in its reason.</summary>
    public sealed class Seeded : IAsyncLifetime
    {
        public DashboardAppFactory Factory { get; } = new() { RunJobs = false };
        public List<Finding> Findings { get; } = [];

        public async Task InitializeAsync()
        {
            await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var account = new CloudAccount { AwsAccountId = "123456789012", Name = "Export", CreatedAt = Factory.Clock.Now };
            var rule = new MuteRule { Justification = "test", CreatedBy = "t", ResourcePattern = "res-019" };
            db.Accounts.Add(account);
            db.MuteRules.Add(rule);
            await db.SaveChangesAsync();
            string[] regions = ["us-east-1", "eu-west-1", "ap-south-1"];
            for (var i = 0; i < 120; i++)
            {
                var finding = new Finding
                {
                    Account = account, CheckId = "s3_bucket_default_encryption", CheckTitle = "Buckets encrypt", Service = "s3", Severity = (Severity)(i % 5),
                    Region = regions[i % 3], ResourceId = $"res-{i:D3}", Status = ResultStatus.Fail, Reason = i == 34 ? "=HYPERLINK(1)" : $"reason {i}",
                    EvidenceJson = "{}", FirstSeen = Factory.Clock.Now, LastSeen = Factory.Clock.Now, Lifecycle = FindingLifecycle.Open,
                    MutedByRuleId = i == 19 ? rule.Id : null,
                };
                db.Findings.Add(finding);
                Findings.Add(finding);
            }

            await db.SaveChangesAsync();
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
