using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Scanning;

/// <summary>"Scan now" from the browser or the API: one active run per account, audited. Callers check the Operate policy.</summary>
public sealed class ScanRequests(IDbContextFactory<AppDbContext> dbFactory, ScanLauncher launcher, AuditLog audit)
{
    /// <summary>Queues a scan of the account, or joins the one already queued or running. Null when the account does not exist.</summary>
    public async Task<long?> RequestAsync(int accountId, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var activeBefore = await db.ScanRuns.AnyAsync(r => r.AccountId == accountId && (r.State == ScanRunState.Queued || r.State == ScanRunState.Running), cancellationToken);
        var runId = await launcher.CreateRunAsync(accountId, "Manual", cancellationToken);
        if (!activeBefore)
        {
            launcher.Enqueue(runId);
        }

        await audit.WriteAsync("scan.requested", actor, actorId, target: $"account:{account.AwsAccountId}",
            details: activeBefore ? $"joined active run {runId}" : $"queued run {runId}");
        return runId;
    }
}
