using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Scans;

public sealed record AccountRow(CloudAccount Account, ScanRun? LastRun, ScanRun? ActiveRun);

public sealed record RunRow(ScanRun Run, string AwsAccountId, string AccountName)
{
    public TimeSpan? Duration => Run.StartedAt is { } s && Run.CompletedAt is { } c ? c - s : null;

    /// <summary>"42.3 s", "3 min 05 s", "1 h 02 min"; empty until the run has ended.</summary>
    public string DurationText => Duration switch
    {
        null => "",
        { TotalMinutes: < 1 } d => $"{d.TotalSeconds:0.0} s",
        { TotalHours: < 1 } d => $"{d.Minutes} min {d.Seconds:00} s",
        { } d => $"{(int)d.TotalHours} h {d.Minutes:00} min",
    };

    public bool IsActive => Run.State is ScanRunState.Queued or ScanRunState.Running;

    public bool CanRetry => Run.State is ScanRunState.Interrupted or ScanRunState.Failed or ScanRunState.Cancelled;
}

/// <summary>Reads for the accounts and scans pages.</summary>
public sealed class ScansQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var lastIds = await db.ScanRuns.GroupBy(r => r.AccountId).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var last = await db.ScanRuns.AsNoTracking().Where(r => lastIds.Contains(r.Id)).ToDictionaryAsync(r => r.AccountId, cancellationToken);
        var active = await db.ScanRuns.AsNoTracking().Where(r => r.State == ScanRunState.Queued || r.State == ScanRunState.Running)
            .ToDictionaryAsync(r => r.AccountId, cancellationToken);
        return accounts.Select(a => new AccountRow(a, last.GetValueOrDefault(a.Id), active.GetValueOrDefault(a.Id))).ToList();
    }

    public async Task<CloudAccount?> AccountAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>Active runs first, then the newest history.</summary>
    public async Task<IReadOnlyList<RunRow>> RunsAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ScanRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Take(take)
            .Select(r => new { Run = r, r.Account.AwsAccountId, r.Account.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new RunRow(r.Run, r.AwsAccountId, r.Name))
            .OrderByDescending(r => r.IsActive).ThenByDescending(r => r.Run.Id).ToList();
    }
}
