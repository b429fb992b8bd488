using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Findings;

public sealed record ChangeRow(long FindingId, FindingChange Change, string AccountName, string CheckId, string CheckTitle, Severity Severity,
    string Region, string ResourceId, string Reason, bool Muted);

public sealed record AccountChanges(int AccountId, string AccountName, long ScanRunId, DateTimeOffset? ScannedAt, long? PreviousScanRunId,
    DateTimeOffset? PreviousScannedAt, int New, int Resolved, int Regressed, int Unchanged);

public sealed record ChangesModel(IReadOnlyList<AccountChanges> Accounts, IReadOnlyList<ChangeRow> Rows);

/// <summary>"What changed since the previous scan": the diff of each account's latest complete scan.</summary>
public sealed class ChangesQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxRows = 2000;

    public async Task<ChangesModel> GetAsync(int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var completed = db.ScanRuns.Where(r => r.State == ScanRunState.Completed && (accountId == null || r.AccountId == accountId));
        var latestIds = await completed.GroupBy(r => r.AccountId).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var runs = await db.ScanRuns.AsNoTracking().Include(r => r.Account).Where(r => latestIds.Contains(r.Id))
            .OrderBy(r => r.Account.Name).ToListAsync(cancellationToken);
        var accounts = new List<AccountChanges>();
        foreach (var run in runs)
        {
            var previous = await db.ScanRuns.AsNoTracking()
                .Where(r => r.AccountId == run.AccountId && r.State == ScanRunState.Completed && r.Id < run.Id)
                .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.CompletedAt }).FirstOrDefaultAsync(cancellationToken);
            accounts.Add(new AccountChanges(run.AccountId, run.Account.Name, run.Id, run.CompletedAt, previous?.Id, previous?.CompletedAt,
                run.NewCount, run.ResolvedCount, run.RegressedCount, run.UnchangedCount));
        }

        var rows = await db.ScanDiffEntries.AsNoTracking()
            .Where(d => latestIds.Contains(d.ScanRunId))
            .OrderBy(d => d.Change).ThenByDescending(d => d.Finding.Severity).ThenBy(d => d.Finding.CheckId).ThenBy(d => d.Id)
            .Take(MaxRows)
            .Select(d => new ChangeRow(d.FindingId, d.Change, d.Finding.Account.Name, d.Finding.CheckId, d.Finding.CheckTitle, d.Finding.Severity,
                d.Finding.Region, d.Finding.ResourceId, d.Finding.Reason, d.Finding.MutedByRuleId != null))
            .ToListAsync(cancellationToken);
        return new ChangesModel(accounts, rows);
    }
}
