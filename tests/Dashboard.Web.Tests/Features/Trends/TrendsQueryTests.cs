using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Trends;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Trends;

/// <summary>
/// Trend queries over a generated year: 50 accounts, most scanned daily at different hours, some every second or
/// third day, some starting late. Expected numbers are computed here by brute force from the generated scans.
/// </summary>
public sealed class TrendsQueryTests : IClassFixture<TrendsQueryTests.History>
{
    private readonly History _history;

    public TrendsQueryTests(History history) => _history = history;

    private TrendsQuery Query => _history.Factory.Services.GetRequiredService<TrendsQuery>();

    public static IEnumerable<object?[]> Ranges() =>
    [
        [0, 364, null],
        [100, 130, null],
        [200, 240, 3],
        [200, 240, 47],
        [0, 40, 45],
    ];

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task SeverityTrend_CarriesEachAccountsLatestScanForward(int fromDay, int toDay, int? accountIndex)
    {
        var accountId = accountIndex is { } i ? _history.AccountIds[i] : (int?)null;
        var trend = await Query.GetSeverityTrendAsync(History.Day(fromDay), History.Day(toDay), accountId, default);

        Assert.Equal(toDay - fromDay + 1, trend.Days.Count);
        var scans = _history.Scans.Where(s => accountId is null || s.AccountId == accountId).ToList();
        for (var d = fromDay; d <= toDay; d++)
        {
            var end = History.Start.AddDays(d + 1);
            var latest = scans.GroupBy(s => s.AccountId).Select(g => g.Where(s => s.At < end).MaxBy(s => s.At)).OfType<History.GeneratedScan>().ToList();
            var today = scans.Where(s => s.At >= end.AddDays(-1) && s.At < end).ToList();
            var point = trend.Days[d - fromDay];
            Assert.Equal(History.Day(d), point.Day);
            Assert.Equal(latest.Sum(s => s.Open), point.Open[Severity.High]);
            Assert.Equal(latest.Sum(s => s.Overdue), point.Overdue);
            Assert.Equal(today.Sum(s => s.New), point.New);
            Assert.Equal(today.Sum(s => s.Resolved), point.Resolved);
        }

        var inRange = scans.Where(s => s.At >= History.Start.AddDays(fromDay) && s.At < History.Start.AddDays(toDay + 1)).ToList();
        var resolved = inRange.Sum(s => s.Resolved);
        Assert.Equal(resolved, trend.ResolvedInRange);
        if (resolved == 0)
        {
            Assert.Null(trend.MeanTimeToRemediate);
        }
        else
        {
            Assert.Equal(inRange.Sum(s => s.RemediationSeconds) / resolved, trend.MeanTimeToRemediate!.Value.TotalSeconds, 3);
        }
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task ComplianceTrend_SumsRequirementsOfEachAccountsLatestScan(int fromDay, int toDay, int? accountIndex)
    {
        var accountId = accountIndex is { } i ? _history.AccountIds[i] : (int?)null;
        var points = await Query.GetComplianceTrendAsync(History.Framework, null, History.Day(fromDay), History.Day(toDay), accountId, default);

        var scans = _history.Scans.Where(s => accountId is null || s.AccountId == accountId).ToList();
        for (var d = fromDay; d <= toDay; d++)
        {
            var end = History.Start.AddDays(d + 1);
            var latest = scans.GroupBy(s => s.AccountId).Select(g => g.Where(s => s.At < end).MaxBy(s => s.At)).OfType<History.GeneratedScan>().ToList();
            var point = points[d - fromDay];
            Assert.Equal((latest.Sum(s => s.Passed), latest.Sum(s => s.Failed), latest.Count), (point.Passed, point.Failed, point.AccountsReporting));
            var expected = latest.Count == 0 ? (double?)null : Math.Round(100.0 * latest.Sum(s => s.Passed) / latest.Sum(s => s.Passed + s.Failed), 1);
            Assert.Equal(expected, point.Percent);
        }
    }

    [Fact]
    public async Task ComplianceTrend_OtherSectionOrFramework_IsEmpty()
    {
        var points = await Query.GetComplianceTrendAsync(History.Framework, "1", History.Day(0), History.Day(10), null, default);
        Assert.All(points, p => Assert.Null(p.Percent));
    }

    public sealed class History : IAsyncLifetime
    {
        public const string Framework = "cis-aws-5.0.0";
        public const int Accounts = 50;
        public const int Days = 365;
        public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public sealed record GeneratedScan(int AccountId, DateTimeOffset At, int Open, int Overdue, int New, int Resolved, double RemediationSeconds, int Passed, int Failed);

        public DashboardAppFactory Factory { get; } = new() { RunJobs = false };
        public List<int> AccountIds { get; } = [];
        public List<GeneratedScan> Scans { get; } = [];

        public static DateOnly Day(int day) => DateOnly.FromDateTime(Start.AddDays(day).UtcDateTime);

        public async Task InitializeAsync()
        {
            await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var accounts = Enumerable.Range(0, Accounts).Select(i => new CloudAccount { AwsAccountId = (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Name = $"acct-{i:D2}", CreatedAt = Start }).ToList();
            db.Accounts.AddRange(accounts);
            await db.SaveChangesAsync();
            AccountIds.AddRange(accounts.Select(a => a.Id));

            for (var i = 0; i < Accounts; i++)
            {
                // 0–39 daily at their own hour; 40–44 every second day; 45–49 every third day, starting on day 20.
                var (every, first) = i < 40 ? (1, 0) : i < 45 ? (2, i % 2) : (3, 20);
                var runs = new List<(ScanRun Run, GeneratedScan Scan)>();
                for (var d = first; d < Days; d += every)
                {
                    var at = Start.AddDays(d).AddHours(i % 24).AddMinutes(i);
                    var resolved = (i * d) % 3;
                    var scan = new GeneratedScan(accounts[i].Id, at, (i * 7 + d * 3) % 50, (i + d) % 5, (i + d) % 4, resolved, resolved * 3600.0 * ((i % 5) + 1),
                        (i + d) % 20, 20 - ((i + d) % 20));
                    runs.Add((new ScanRun { AccountId = scan.AccountId, State = ScanRunState.Completed, Trigger = "Test", QueuedAt = at, CompletedAt = at }, scan));
                }

                db.ScanRuns.AddRange(runs.Select(r => r.Run));
                await db.SaveChangesAsync();
                foreach (var (run, scan) in runs)
                {
                    db.SeverityAggregates.Add(new ScanSeverityAggregate
                    {
                        ScanRunId = run.Id, AccountId = scan.AccountId, At = scan.At, Severity = Severity.High, OpenCount = scan.Open, OverdueCount = scan.Overdue,
                        NewCount = scan.New, ResolvedCount = scan.Resolved, RemediationSeconds = scan.RemediationSeconds,
                    });
                    db.ComplianceAggregates.Add(new ScanComplianceAggregate
                    {
                        ScanRunId = run.Id, AccountId = scan.AccountId, At = scan.At, FrameworkId = Framework, SectionId = "", Passed = scan.Passed, Failed = scan.Failed,
                    });
                    Scans.Add(scan);
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
