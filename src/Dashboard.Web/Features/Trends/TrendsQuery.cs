using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Trends;

/// <summary>One day of the open-findings trend, all selected accounts combined.</summary>
public sealed record SeverityTrendPoint(
    DateOnly Day, IReadOnlyDictionary<Severity, int> Open, int Muted, int Overdue, int New, int Resolved, int Regressed)
{
    public int OpenTotal => Open.Values.Sum();
}

public sealed record SeverityTrend(IReadOnlyList<SeverityTrendPoint> Days, int ResolvedInRange, TimeSpan? MeanTimeToRemediate);

public sealed record ComplianceTrendPoint(DateOnly Day, int Passed, int Failed, int Manual, int Error, int AccountsReporting)
{
    /// <summary>Passed / (passed + failed) requirements summed over accounts, or null when nothing was decided.</summary>
    public double? Percent => Passed + Failed == 0 ? null : Math.Round(100.0 * Passed / (Passed + Failed), 1);
}

public sealed record AgingBucket(string Label, int MinDays, int? MaxDays, int Count);

/// <summary>
/// Trends from per-scan aggregates, never from raw results. Accounts are scanned on different days, so each day
/// combines, per account, its latest complete scan at the end of that day (carried forward until the next scan);
/// accounts not yet scanned by then do not count. New and resolved counts are the sums of that day's scans.
/// </summary>
public sealed class TrendsQuery(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly IReadOnlyList<(string Label, int Min, int? Max)> AgingBuckets =
        [("0–7 days", 0, 7), ("8–30 days", 8, 30), ("31–90 days", 31, 90), ("over 90 days", 91, null)];

    public async Task<SeverityTrend> GetSeverityTrendAsync(DateOnly from, DateOnly to, int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = Range(from, to);
        var query = db.SeverityAggregates.AsNoTracking();
        if (accountId is { } id)
        {
            query = query.Where(a => a.AccountId == id);
        }

        // One row per scan, its severities side by side: the database adds up a year of a large organisation's
        // aggregates and sends a fifth of the rows.
        var seeds = query.Where(a => a.At < start).GroupBy(a => a.AccountId).Select(g => g.Max(a => a.ScanRunId));
        // The range and the seeds as two parts (UNION ALL, they never overlap): with OR, SQLite would merge row ids
        // from two indexes and then read every row from the table.
        var scans = await query.Where(a => a.At >= start && a.At < end)
            .Concat(query.Where(a => seeds.Contains(a.ScanRunId)))
            .GroupBy(a => new { a.ScanRunId, a.AccountId, a.At })
            .Select(g => new ScanSeverities(
                g.Key.AccountId, g.Key.At,
                g.Sum(a => a.Severity == Severity.Informational ? a.OpenCount : 0),
                g.Sum(a => a.Severity == Severity.Low ? a.OpenCount : 0),
                g.Sum(a => a.Severity == Severity.Medium ? a.OpenCount : 0),
                g.Sum(a => a.Severity == Severity.High ? a.OpenCount : 0),
                g.Sum(a => a.Severity == Severity.Critical ? a.OpenCount : 0),
                g.Sum(a => a.MutedOpenCount), g.Sum(a => a.OverdueCount), g.Sum(a => a.NewCount), g.Sum(a => a.ResolvedCount),
                g.Sum(a => a.RegressedCount), g.Sum(a => a.RemediationSeconds)))
            .ToListAsync(cancellationToken);

        var points = new List<SeverityTrendPoint>();
        foreach (var (day, latest, today) in Walk(scans.Select(s => new Scan<ScanSeverities>(s.AccountId, s.At, [s])).ToList(), from, to))
        {
            var open = Enum.GetValues<Severity>().ToDictionary(s => s, _ => 0);
            int muted = 0, overdue = 0;
            foreach (var scan in latest.Select(s => s.Rows[0]))
            {
                open[Severity.Informational] += scan.Informational;
                open[Severity.Low] += scan.Low;
                open[Severity.Medium] += scan.Medium;
                open[Severity.High] += scan.High;
                open[Severity.Critical] += scan.Critical;
                muted += scan.Muted;
                overdue += scan.Overdue;
            }

            var changes = today.Select(s => s.Rows[0]).ToList();
            points.Add(new SeverityTrendPoint(day, open, muted, overdue, changes.Sum(r => r.New), changes.Sum(r => r.Resolved), changes.Sum(r => r.Regressed)));
        }

        var inRange = scans.Where(r => r.At >= start && r.At < end).ToList();
        var resolved = inRange.Sum(r => r.Resolved);
        var seconds = inRange.Sum(r => r.RemediationSeconds);
        return new SeverityTrend(points, resolved, resolved == 0 ? null : TimeSpan.FromSeconds(seconds / resolved));
    }

    /// <param name="sectionId">A section of the framework, or null for the whole framework.</param>
    public async Task<IReadOnlyList<ComplianceTrendPoint>> GetComplianceTrendAsync(
        string frameworkId, string? sectionId, DateOnly from, DateOnly to, int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = Range(from, to);
        var section = sectionId ?? "";
        var query = db.ComplianceAggregates.AsNoTracking().Where(a => a.FrameworkId == frameworkId && a.SectionId == section);
        if (accountId is { } id)
        {
            query = query.Where(a => a.AccountId == id);
        }

        var seeds = query.Where(a => a.At < start).GroupBy(a => a.AccountId).Select(g => g.Max(a => a.ScanRunId));
        var rows = await query.Where(a => a.At >= start && a.At < end)
            .Concat(query.Where(a => seeds.Contains(a.ScanRunId)))
            .Select(a => new { a.AccountId, a.At, a.Passed, a.Failed, a.Manual, a.Error })
            .ToListAsync(cancellationToken);
        var scans = rows.Select(r => new Scan<(int Passed, int Failed, int Manual, int Error)>(r.AccountId, r.At, [(r.Passed, r.Failed, r.Manual, r.Error)])).ToList();
        return Walk(scans, from, to).Select(d =>
        {
            var latest = d.Latest.Select(s => s.Rows[0]).ToList();
            return new ComplianceTrendPoint(d.Day, latest.Sum(x => x.Passed), latest.Sum(x => x.Failed), latest.Sum(x => x.Manual), latest.Sum(x => x.Error), latest.Count);
        }).ToList();
    }

    /// <summary>Open, unmuted findings by how long they have been open, now.</summary>
    public async Task<IReadOnlyList<AgingBucket>> GetAgingAsync(int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();

        // The database counts, per bucket boundary, the findings opened at or before it; a bucket is the difference
        // of two such counts. Age in whole days: at least Min days ⇔ opened ≤ now − Min days.
        var t8 = now.AddDays(-AgingBuckets[1].Min);
        var t31 = now.AddDays(-AgingBuckets[2].Min);
        var t91 = now.AddDays(-AgingBuckets[3].Min);
        var c = await db.Findings.AsNoTracking()
            .Where(f => f.Lifecycle == FindingLifecycle.Open && f.MutedByRuleId == null && (accountId == null || f.AccountId == accountId))
            .Select(f => f.OpenedAt ?? f.FirstSeen)
            .GroupBy(_ => 1)
            .Select(g => new { C0 = g.Count(o => o <= now), C8 = g.Count(o => o <= t8), C31 = g.Count(o => o <= t31), C91 = g.Count(o => o <= t91) })
            .SingleOrDefaultAsync(cancellationToken);
        int[] counts = c is null ? [0, 0, 0, 0] : [c.C0, c.C8, c.C31, c.C91];
        return AgingBuckets.Select((b, i) => new AgingBucket(b.Label, b.Min, b.Max, counts[i] - (i + 1 < counts.Length ? counts[i + 1] : 0))).ToList();
    }

    /// <summary>Open, unmuted findings past their due date now, by severity.</summary>
    public async Task<IReadOnlyDictionary<Severity, int>> GetSlaBreachesAsync(int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var overdue = await db.Findings.AsNoTracking()
            .Where(f => f.Lifecycle == FindingLifecycle.Open && f.MutedByRuleId == null && f.DueAt != null && f.DueAt < now
                && f.TriageState != TriageState.RiskAccepted && f.TriageState != TriageState.FalsePositive
                && (accountId == null || f.AccountId == accountId))
            .GroupBy(f => f.Severity).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return Enum.GetValues<Severity>().ToDictionary(s => s, s => overdue.GetValueOrDefault(s));
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Range(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>For each day: each account's latest scan by the end of the day, and the scans completed that day.</summary>
    private static IEnumerable<(DateOnly Day, List<Scan<T>> Latest, List<Scan<T>> Today)> Walk<T>(List<Scan<T>> scans, DateOnly from, DateOnly to)
    {
        var byAccount = scans.GroupBy(s => s.AccountId).Select(g => g.OrderBy(s => s.At).ToList()).ToList();
        var cursor = new int[byAccount.Count];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var start = end.AddDays(-1);
            var latest = new List<Scan<T>>();
            var today = new List<Scan<T>>();
            for (var i = 0; i < byAccount.Count; i++)
            {
                var list = byAccount[i];
                while (cursor[i] < list.Count && list[cursor[i]].At < end)
                {
                    if (list[cursor[i]].At >= start)
                    {
                        today.Add(list[cursor[i]]);
                    }

                    cursor[i]++;
                }

                if (cursor[i] > 0)
                {
                    latest.Add(list[cursor[i] - 1]);
                }
            }

            yield return (day, latest, today);
        }
    }

    private sealed record Scan<T>(int AccountId, DateTimeOffset At, IReadOnlyList<T> Rows);

    private sealed record ScanSeverities(
        int AccountId, DateTimeOffset At, int Informational, int Low, int Medium, int High, int Critical,
        int Muted, int Overdue, int New, int Resolved, int Regressed, double RemediationSeconds);
}
