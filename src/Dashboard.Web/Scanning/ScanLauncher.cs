using Dashboard.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Scanning;

/// <summary>Starts scans: the ScanRun row is committed first, then the job that carries only its id is enqueued.</summary>
public sealed class ScanLauncher(IDbContextFactory<AppDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Creates a Queued run for the account, or returns the one already queued or running.</summary>
    public async Task<long> CreateRunAsync(int accountId, string trigger, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.ScanRuns
            .Where(r => r.AccountId == accountId && (r.State == ScanRunState.Queued || r.State == ScanRunState.Running))
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (active is { } id)
        {
            return id;
        }

        var run = new ScanRun { AccountId = accountId, State = ScanRunState.Queued, Trigger = trigger, QueuedAt = clock.GetUtcNow() };
        db.ScanRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    public string Enqueue(long scanRunId) => jobs.Enqueue<ScanAccountJob>(job => job.RunAsync(scanRunId, CancellationToken.None));
}
