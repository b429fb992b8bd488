using System.Linq.Expressions;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Findings;

public sealed record ChangeRow(long FindingId, FindingChange Change, string AccountName, string CheckId, string CheckTitle, Severity Severity,
    string Region, string ResourceId, string Reason, bool Muted);

public sealed record AccountChanges(int AccountId, string AccountName, string AwsAccountId, long ScanRunId, DateTimeOffset? ScannedAt, long? PreviousScanRunId,
    DateTimeOffset? PreviousScannedAt, int New, int Resolved, int Regressed, int Unchanged, bool IsDemo = false);

public sealed record ChangesModel(IReadOnlyList<AccountChanges> Accounts, IReadOnlyList<ChangeRow> Rows);

/// <summary>How many findings one scan changed, by change, severity and whether a mute rule hides them.</summary>
public sealed record ChangeCount(FindingChange Change, Severity Severity, bool Muted, int Count);

/// <summary>
/// One complete scan's diff: its summary, exact counts, and its unmuted new or regressed findings at or above a
/// severity, worst first (at most the number asked for).
/// </summary>
public sealed record RunChanges(AccountChanges Summary, IReadOnlyList<ChangeCount> Counts, IReadOnlyList<ChangeRow> Opened);

/// <summary>"What changed since the previous scan": the diff of each account's latest complete scan, or of one scan.</summary>
public sealed class ChangesQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxRows = 2000;

    private static readonly Expression<Func<ScanDiffEntry, ChangeRow>> ToRow = d => new ChangeRow(
        d.FindingId, d.Change, d.Finding.Account.Name, d.Finding.CheckId, d.Finding.CheckTitle, d.Finding.Severity,
        d.Finding.Region, d.Finding.ResourceId, d.Finding.Reason, d.Finding.MutedByRuleId != null);

    /// <param name="scanRunId">One scan's diff (a link from a notification or the scan history) instead of each account's latest.</param>
    public async Task<ChangesModel> GetAsync(int? accountId, CancellationToken cancellationToken, long? scanRunId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var completed = db.ScanRuns.Where(r => r.State == ScanRunState.Completed && (accountId == null || r.AccountId == accountId));
        var latestIds = scanRunId is { } runId
            ? await completed.Where(r => r.Id == runId).Select(r => r.Id).ToListAsync(cancellationToken)
            : await completed.GroupBy(r => r.AccountId).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var runs = await db.ScanRuns.AsNoTracking().Include(r => r.Account).Where(r => latestIds.Contains(r.Id))
            .OrderBy(r => r.Account.Name).ToListAsync(cancellationToken);
        var accounts = new List<AccountChanges>();
        foreach (var run in runs)
        {
            accounts.Add(await SummaryAsync(db, run, cancellationToken));
        }

        var rows = await db.ScanDiffEntries.AsNoTracking()
            .Where(d => latestIds.Contains(d.ScanRunId))
            .OrderBy(d => d.Change).ThenByDescending(d => d.Finding.Severity).ThenBy(d => d.Finding.CheckId).ThenBy(d => d.Id)
            .Take(MaxRows)
            .Select(ToRow)
            .ToListAsync(cancellationToken);
        return new ChangesModel(accounts, rows);
    }

    /// <summary>The diff of one scan run; null unless the run completed (a failed or cancelled run published nothing).</summary>
    public async Task<RunChanges?> GetRunAsync(long scanRunId, Severity minSeverity, int maxRows, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.ScanRuns.AsNoTracking().Include(r => r.Account)
            .SingleOrDefaultAsync(r => r.Id == scanRunId && r.State == ScanRunState.Completed, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var diff = db.ScanDiffEntries.AsNoTracking().Where(d => d.ScanRunId == scanRunId);
        var counts = await diff
            .GroupBy(d => new { d.Change, d.Finding.Severity, Muted = d.Finding.MutedByRuleId != null })
            .Select(g => new ChangeCount(g.Key.Change, g.Key.Severity, g.Key.Muted, g.Count()))
            .ToListAsync(cancellationToken);
        var opened = await diff
            .Where(d => d.Change != FindingChange.Resolved && d.Finding.MutedByRuleId == null && d.Finding.Severity >= minSeverity)
            .OrderByDescending(d => d.Finding.Severity).ThenBy(d => d.Change).ThenBy(d => d.Finding.CheckId).ThenBy(d => d.Id)
            .Take(maxRows)
            .Select(ToRow)
            .ToListAsync(cancellationToken);
        return new RunChanges(await SummaryAsync(db, run, cancellationToken), counts, opened);
    }

    private static async Task<AccountChanges> SummaryAsync(AppDbContext db, ScanRun run, CancellationToken cancellationToken)
    {
        var previous = await db.ScanRuns.AsNoTracking()
            .Where(r => r.AccountId == run.AccountId && r.State == ScanRunState.Completed && r.Id < run.Id)
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.CompletedAt }).FirstOrDefaultAsync(cancellationToken);
        return new AccountChanges(run.AccountId, run.Account.Name, run.Account.AwsAccountId, run.Id, run.CompletedAt, previous?.Id, previous?.CompletedAt,
            run.NewCount, run.ResolvedCount, run.RegressedCount, run.UnchangedCount, run.Account.IsDemo);
    }
}
