using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features;

/// <summary>Paging, filtering and sorting run in SQL against the real schema of each database provider.</summary>
public class FindingsQueryTests : IClassFixture<FindingsQueryTests.SeededApps>
{
    private readonly SeededApps _apps;
    private SeededApp _app = null!;

    public FindingsQueryTests(SeededApps apps) => _apps = apps;

    private FindingsQuery Query => _app.Factory.Services.GetRequiredService<FindingsQuery>();

    private async Task StartAsync(DatabaseProvider provider) => _app = await _apps.For(provider);

    private static FindingsPageRequest All(int page = 0, int size = 25, FindingsSort sort = FindingsSort.Severity, bool desc = true) =>
        new(new FindingsFilter(), sort, desc, page, size);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Paging_ReturnsDisjointPagesCoveringEveryFinding(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var seen = new List<long>();
        var first = await Query.GetPageAsync(All(size: 7), default);
        Assert.Equal(SeededApp.Total, first.TotalCount);
        for (var page = 0; page * 7 < first.TotalCount; page++)
        {
            var rows = (await Query.GetPageAsync(All(page, 7), default)).Rows;
            Assert.InRange(rows.Count, 1, 7);
            seen.AddRange(rows.Select(r => r.Id));
        }

        Assert.Equal(SeededApp.Total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Paging_PastTheEnd_ReturnsNoRowsButTheTotal(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var result = await Query.GetPageAsync(All(page: 100, size: 25), default);
        Assert.Empty(result.Rows);
        Assert.Equal(SeededApp.Total, result.TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Paging_OversizedPage_IsCapped(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var result = await Query.GetPageAsync(All(size: 100_000), default);
        Assert.Equal(Math.Min(SeededApp.Total, FindingsQuery.MaxPageSize), result.Rows.Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Sort_BySeverityDescending_PutsCriticalFirst(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var rows = (await Query.GetPageAsync(All(size: 200), default)).Rows;
        Assert.Equal(Severity.Critical, rows[0].Severity);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Severity >= p.Second.Severity));
    }

    [Theory]
    [SqliteData(FindingsSort.Resource, false)]
    [SqliteData(FindingsSort.Resource, true)]
    [SqliteData(FindingsSort.Region, false)]
    [SqliteData(FindingsSort.Account, true)]
    [SqliteData(FindingsSort.LastSeen, true)]
    [PostgresData(FindingsSort.Resource, false)]
    [PostgresData(FindingsSort.Resource, true)]
    [PostgresData(FindingsSort.Region, false)]
    [PostgresData(FindingsSort.Account, true)]
    [PostgresData(FindingsSort.LastSeen, true)]
    public async Task Sort_ByColumn_OrdersRows(DatabaseProvider provider, FindingsSort sort, bool descending)
    {
        await StartAsync(provider);
        var rows = (await Query.GetPageAsync(All(size: 200, sort: sort, desc: descending), default)).Rows;
        Func<FindingRow, IComparable> key = sort switch
        {
            FindingsSort.Resource => r => r.ResourceId,
            FindingsSort.Region => r => r.Region,
            FindingsSort.Account => r => r.AccountName,
            _ => r => r.LastSeen,
        };
        var keys = rows.Select(key).ToList();
        var comparer = Comparer<IComparable>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b));
        var sorted = descending ? keys.OrderByDescending(k => k, comparer).ToList() : keys.OrderBy(k => k, comparer).ToList();
        Assert.Equal(sorted, keys);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_BySeverityAndStatus_ReturnsOnlyMatches(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var filter = new FindingsFilter { Severities = [Severity.High, Severity.Critical], Statuses = [ResultStatus.Fail] };
        var result = await Query.GetPageAsync(new FindingsPageRequest(filter, PageSize: 200), default);
        var expected = _app.Seeded.Count(f => f.Severity is Severity.High or Severity.Critical && f.Status == ResultStatus.Fail);
        Assert.Equal(expected, result.TotalCount);
        Assert.All(result.Rows, r => Assert.True(r.Severity >= Severity.High && r.Status == ResultStatus.Fail));
        Assert.True(expected > 0);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_ByCheckAccountAndRegion_ReturnsOnlyMatches(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var target = _app.Seeded[5];
        var filter = new FindingsFilter { CheckId = target.CheckId, AccountId = target.AccountId, Region = target.Region };
        var result = await Query.GetPageAsync(new FindingsPageRequest(filter, PageSize: 200), default);
        var expected = _app.Seeded.Count(f => f.CheckId == target.CheckId && f.AccountId == target.AccountId && f.Region == target.Region);
        Assert.Equal(expected, result.TotalCount);
        Assert.Contains(result.Rows, r => r.Id == target.Id);
    }

    [Theory]
    [SqliteData("payroll", 1)]
    [SqliteData("PAYROLL", 1)]
    [SqliteData("bucket-0", 7)]
    [SqliteData("100%", 1)]
    [SqliteData("%", 1)]
    [SqliteData("under_score", 1)]
    [SqliteData("no-such-thing", 0)]
    [PostgresData("payroll", 1)]
    [PostgresData("PAYROLL", 1)]
    [PostgresData("bucket-0", 7)]
    [PostgresData("100%", 1)]
    [PostgresData("%", 1)]
    [PostgresData("under_score", 1)]
    [PostgresData("no-such-thing", 0)]
    public async Task Filter_ByText_SearchesResourceAndReasonWithLiteralWildcards(DatabaseProvider provider, string text, int expected)
    {
        await StartAsync(provider);
        var result = await Query.GetPageAsync(new FindingsPageRequest(new FindingsFilter { Text = text }, PageSize: 200), default);
        Assert.Equal(expected, result.TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Detail_ReturnsFindingWithHistory(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var target = _app.Seeded[0];
        var detail = await Query.GetDetailAsync(target.Id, default);
        Assert.NotNull(detail);
        Assert.Equal(target.ResourceId, detail.Finding.ResourceId);
        Assert.Single(detail.History);
        Assert.Null(await Query.GetDetailAsync(-1, default));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FilterChoices_ListAccountsRegionsAndChecksPresent(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var choices = await Query.GetFilterChoicesAsync(default);
        Assert.Equal(2, choices.Accounts.Count);
        Assert.Equal(_app.Seeded.Select(f => f.Region).Distinct().Order(), choices.Regions);
        Assert.Equal(_app.Seeded.Select(f => f.CheckId).Distinct().Count(), choices.Checks.Count);
    }

    public sealed class SeededApps : PerProvider<SeededApp>
    {
        protected override async Task<SeededApp> CreateAsync(DatabaseProvider provider)
        {
            var app = new SeededApp(provider);
            await app.SeedAsync();
            return app;
        }

        protected override void Dispose(SeededApp app) => app.Factory.Dispose();
    }

    /// <summary>Two accounts and a deterministic spread of findings over checks, regions, severities and statuses.</summary>
    public sealed class SeededApp(DatabaseProvider provider)
    {
        public const int Total = 60;

        public DashboardAppFactory Factory { get; } = new() { Provider = provider };

        public List<Finding> Seeded { get; } = [];

        public async Task SeedAsync()
        {
            await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var accounts = new[]
            {
                new CloudAccount { AwsAccountId = "111111111111", Name = "Alpha", CreatedAt = Factory.Clock.Now },
                new CloudAccount { AwsAccountId = "222222222222", Name = "Bravo", CreatedAt = Factory.Clock.Now },
            };
            db.Accounts.AddRange(accounts);
            var run = new ScanRun { Account = accounts[0], Trigger = "Test", State = ScanRunState.Completed, QueuedAt = Factory.Clock.Now };
            db.ScanRuns.Add(run);
            await db.SaveChangesAsync();

            string[] regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
            string[] checks = ["s3_bucket_default_encryption", "ec2_instance_imdsv2_required", "iam_root_mfa_enabled", "cloudtrail_log_file_validation_enabled"];
            for (var i = 0; i < Total; i++)
            {
                var resource = i switch
                {
                    0 => "payroll-exports",
                    1 => "discount-100%-bucket",
                    2 => "under_score-bucket",
                    _ => $"bucket-{i:D2}",
                };
                var finding = new Finding
                {
                    Account = accounts[i % 2],
                    CheckId = checks[i % checks.Length],
                    CheckTitle = $"Title of {checks[i % checks.Length]}",
                    Service = checks[i % checks.Length].Split('_')[0],
                    Severity = (Severity)(i % 5),
                    Region = regions[i % regions.Length],
                    ResourceId = resource,
                    Status = i % 3 == 0 ? ResultStatus.Pass : i % 7 == 0 ? ResultStatus.Error : ResultStatus.Fail,
                    Reason = $"reason {i}",
                    EvidenceJson = "{}",
                    FirstSeen = Factory.Clock.Now.AddDays(-i),
                    LastSeen = Factory.Clock.Now.AddMinutes(-i),
                    LastScanRunId = run.Id,
                };
                db.Findings.Add(finding);
                db.ScanResults.Add(new ScanResult { ScanRunId = run.Id, Finding = finding, Status = finding.Status, Reason = finding.Reason, EvidenceJson = "{}" });
                Seeded.Add(finding);
            }

            await db.SaveChangesAsync();
        }
    }
}
