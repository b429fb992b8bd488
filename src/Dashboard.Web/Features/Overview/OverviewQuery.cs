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

        // Muted findings are left out of the headline numbers and counted on their own.
        var visible = db.Findings.Where(f => f.MutedByRuleId == null);
        var muted = await db.Findings.CountAsync(f => f.MutedByRuleId != null && f.Status == ResultStatus.Fail, cancellationToken);
        var byStatus = await visible.GroupBy(f => f.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Status, x => x.Count, cancellationToken);

        var bySeverity = await visible.Where(f => f.Status == ResultStatus.Fail)
            .GroupBy(f => f.Severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Severity, x => x.Count, cancellationToken);

        var topChecks = await visible.Where(f => f.Status == ResultStatus.Fail)
            .GroupBy(f => new { f.CheckId, f.CheckTitle, f.Severity })
            .Select(g => new { g.Key.CheckId, g.Key.CheckTitle, g.Key.Severity, Count = g.Count() })
            .OrderByDescending(c => c.Severity).ThenByDescending(c => c.Count).ThenBy(c => c.CheckId)
            .Take(10)
            .ToListAsync(cancellationToken);

        var accounts = await db.Accounts.OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var lastRuns = await db.ScanRuns
            .Where(r => r.Id == db.ScanRuns.Where(x => x.AccountId == r.AccountId).Max(x => x.Id))
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
