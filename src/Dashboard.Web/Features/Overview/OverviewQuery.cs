using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Overview;

public sealed record OverviewModel(
    int PassCount,
    int FailCount,
    int ErrorCount,
    int ManualCount,
    IReadOnlyDictionary<Severity, int> FailedBySeverity,
    IReadOnlyList<FailingCheck> TopFailingChecks,
    IReadOnlyList<AccountScanSummary> Accounts,
    int MutedCount = 0)
{
    /// <summary>Pass / (Pass + Fail), or null when nothing was evaluated yet. Errors and manual items are not counted.</summary>
    public double? PassRate => PassCount + FailCount == 0 ? null : (double)PassCount / (PassCount + FailCount);
}

public sealed record FailingCheck(string CheckId, string Title, Severity Severity, int FailedResources);

public sealed record AccountScanSummary(
    int AccountId, string AwsAccountId, string Name, bool IsDemo,
    ScanRunState? LastRunState, DateTimeOffset? LastRunAt, int FailCount, int PassCount, int ErrorCount, string? LastRunError);

/// <summary>Everything the Overview page shows, from the current state of findings and the latest run per account.</summary>
public sealed class OverviewQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<OverviewModel> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Muted findings are left out of the headline numbers and counted on their own. Every other number comes from
        // one pass over the unmuted findings grouped by check, status and severity: it follows the order of
        // IX_Findings_ExplorerCheck, so the database counts from that index without sorting (docs/decisions/016).
        var muted = await db.Findings.CountAsync(f => f.MutedByRuleId != null && f.Status == ResultStatus.Fail, cancellationToken);
        var groups = await db.Findings.Where(f => f.MutedByRuleId == null)
            .GroupBy(f => new { f.CheckId, f.Status, f.Severity, f.CheckTitle })
            .Select(g => new { g.Key.CheckId, g.Key.Status, g.Key.Severity, g.Key.CheckTitle, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var failed = groups.Where(g => g.Status == ResultStatus.Fail).ToList();
        var bySeverity = failed.GroupBy(g => g.Severity).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var topChecks = failed
            .GroupBy(g => (g.CheckId, g.CheckTitle, g.Severity))
            .Select(g => new { g.Key.CheckId, g.Key.CheckTitle, g.Key.Severity, Count = g.Sum(x => x.Count) })
            .OrderByDescending(c => c.Severity).ThenByDescending(c => c.Count).ThenBy(c => c.CheckId, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var accounts = await db.Accounts.OrderBy(a => a.Name).ToListAsync(cancellationToken);
        // The latest run per account as one grouped subquery: a correlated "max per row" made PostgreSQL read every
        // account's runs once per run (seconds at a year of daily scans).
        var lastIds = db.ScanRuns.GroupBy(r => r.AccountId).Select(g => g.Max(r => r.Id));
        var lastRuns = await db.ScanRuns
            .Where(r => lastIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.AccountId, cancellationToken);

        var summaries = accounts.Select(a =>
        {
            var run = lastRuns.GetValueOrDefault(a.Id);
            return new AccountScanSummary(a.Id, a.AwsAccountId, a.Name, a.IsDemo, run?.State,
                run?.CompletedAt ?? run?.StartedAt ?? run?.QueuedAt, run?.FailCount ?? 0, run?.PassCount ?? 0, run?.ErrorCount ?? 0, run?.Error);
        }).ToList();

        return new OverviewModel(
            byStatus.GetValueOrDefault(ResultStatus.Pass),
            byStatus.GetValueOrDefault(ResultStatus.Fail),
            byStatus.GetValueOrDefault(ResultStatus.Error),
            byStatus.GetValueOrDefault(ResultStatus.Manual),
            Enum.GetValues<Severity>().ToDictionary(s => s, s => bySeverity.GetValueOrDefault(s)),
            topChecks.Select(c => new FailingCheck(c.CheckId, c.CheckTitle, c.Severity, c.Count)).ToList(),
            summaries,
            muted);
    }
}
