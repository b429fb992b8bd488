using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Scanning;

/// <summary>"Scan now", cancel and retry from the browser or the API: one active run per account, audited. Callers check the Operate policy.</summary>
public sealed class ScanRequests(IDbContextFactory<AppDbContext> dbFactory, ScanLauncher launcher, ActiveScans active, AuditLog audit, TimeProvider clock)
{
    /// <summary>Queues a scan of the account, or joins the one already queued or running. Null when the account does not exist or is disabled.</summary>
    public async Task<long?> RequestAsync(int accountId, string actor, string? actorId, CancellationToken cancellationToken, long? retryOf = null) =>
        (await StartAsync(accountId, actor, actorId, cancellationToken, retryOf))?.RunId;

    /// <summary>Queues a scan of the account or joins its active run, saying which; null when the account is disabled or gone.</summary>
    public async Task<ScanStart?> StartAsync(int accountId, string actor, string? actorId, CancellationToken cancellationToken, long? retryOf = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !account.Enabled)
        {
            return null;
        }

        var start = await launcher.LaunchAsync(accountId, retryOf is null ? "Manual" : "Retry", cancellationToken, retryOf);
        await audit.WriteAsync("scan.requested", actor, actorId, target: $"account:{account.AwsAccountId}",
            details: start.Created ? $"queued run {start.RunId}" : $"joined active run {start.RunId}");
        return start;
    }

    /// <summary>Scans several accounts (a selection, or every enabled account when <paramref name="accountIds"/> is null).</summary>
    public async Task<IReadOnlyList<long>> RequestManyAsync(IReadOnlyCollection<int>? accountIds, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Accounts.Where(a => a.Enabled && (accountIds == null || accountIds.Contains(a.Id))).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var runs = new List<long>();
        foreach (var id in ids)
        {
            if (await RequestAsync(id, actor, actorId, cancellationToken) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    /// <summary>A queued run is cancelled at once; a running one is asked to stop (this node stops it now, others at their next heartbeat).</summary>
    public async Task<bool> CancelAsync(long runId, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var queued = await db.ScanRuns.Where(r => r.Id == runId && r.State == ScanRunState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ScanRunState.Cancelled)
                .SetProperty(r => r.CancelRequested, true)
                .SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.Error, "Cancelled on request before it started."), cancellationToken);
        var running = queued == 0 && await db.ScanRuns.Where(r => r.Id == runId && r.State == ScanRunState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), cancellationToken) > 0;
        if (running)
        {
            active.TryCancel(runId);
        }

        if (queued > 0 || running)
        {
            await audit.WriteAsync("scan.cancelled", actor, actorId, target: $"scan:{runId}");
            return true;
        }

        return false;
    }

    /// <summary>Starts a new run for the account of an Interrupted, Failed or Cancelled run.</summary>
    public async Task<long?> RetryAsync(long runId, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.ScanRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.State is not (ScanRunState.Interrupted or ScanRunState.Failed or ScanRunState.Cancelled))
        {
            return null;
        }

        return await RequestAsync(run.AccountId, actor, actorId, cancellationToken, retryOf: runId);
    }
}
