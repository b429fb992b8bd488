using Dashboard.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Scanning;

/// <summary>Where a scan request ended: the run it created, or the active run it joined.</summary>
public readonly record struct ScanStart(long RunId, bool Created);

/// <summary>
/// Starts scans: the ScanRun row is committed first, then the job that carries only its id is enqueued. One active
/// (Queued or Running) run per account is enforced by a unique partial index, so two racing requests cannot both
/// insert: the loser joins the winner's run.
/// </summary>
public sealed class ScanLauncher(IDbContextFactory<AppDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Creates a Queued run for the account, or returns the one already queued or running.</summary>
    public async Task<long> CreateRunAsync(int accountId, string trigger, CancellationToken cancellationToken) =>
        (await CreateOrJoinAsync(accountId, trigger, null, cancellationToken)).RunId;

    public async Task<ScanStart> CreateOrJoinAsync(int accountId, string trigger, long? retryOf, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await ActiveRunAsync(db, accountId, cancellationToken) is { } active)
            {
                return new ScanStart(active, false);
            }

            var run = new ScanRun { AccountId = accountId, State = ScanRunState.Queued, Trigger = trigger, QueuedAt = clock.GetUtcNow(), RetryOfRunId = retryOf };
            db.ScanRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ScanStart(run.Id, true);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Lost the race against another request: the unique index refused a second active run. Join it.
            }
        }
    }

    /// <summary>Creates (or joins) the run and enqueues its job only when this call created it.</summary>
    public async Task<ScanStart> LaunchAsync(int accountId, string trigger, CancellationToken cancellationToken, long? retryOf = null)
    {
        var start = await CreateOrJoinAsync(accountId, trigger, retryOf, cancellationToken);
        if (start.Created)
        {
            Enqueue(start.RunId);
        }

        return start;
    }

    public string Enqueue(long scanRunId) => jobs.Enqueue<ScanAccountJob>(job => job.RunAsync(scanRunId, CancellationToken.None));

    private static Task<long?> ActiveRunAsync(AppDbContext db, int accountId, CancellationToken cancellationToken) =>
        db.ScanRuns
            .Where(r => r.AccountId == accountId && (r.State == ScanRunState.Queued || r.State == ScanRunState.Running))
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
