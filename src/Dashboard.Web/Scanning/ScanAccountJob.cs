using Dashboard.Aws;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Collect → evaluate → record for one scan run. Takes only the run id and is safe to run twice: it claims the run
/// with a conditional update that sets a lease (owner + lease-until), renews the lease while working, and publishes
/// results in one transaction only while it still holds the lease. A duplicate execution finds nothing to claim and
/// exits; a worker that dies leaves an expiring lease for the sweeper to mark Interrupted.
/// </summary>
public sealed class ScanAccountJob(
    IDbContextFactory<AppDbContext> dbFactory,
    InventorySource inventories,
    CheckCatalog catalog,
    CheckSettings settings,
    FrameworkCatalog frameworks,
    ScanRecorder recorder,
    ActiveScans active,
    ScanConcurrency concurrency,
    Dashboard.Web.Features.Notifications.ScanNotifications notifications,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<ScanAccountJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scan run {0}")]
    public async Task RunAsync(long scanRunId, CancellationToken cancellationToken)
    {
        using var slot = await concurrency.AcquireAsync(cancellationToken);
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var startedAt = clock.GetUtcNow();
        CloudAccount account;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var leaseUntil = startedAt + lease;
            var claimed = await db.ScanRuns
                .Where(r => r.Id == scanRunId && !r.CancelRequested
                    && (r.State == ScanRunState.Queued || (r.State == ScanRunState.Running && r.LeaseUntil != null && r.LeaseUntil < startedAt)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.State, ScanRunState.Running)
                    .SetProperty(r => r.StartedAt, startedAt)
                    .SetProperty(r => r.LeaseOwner, owner)
                    .SetProperty(r => r.LeaseUntil, leaseUntil), cancellationToken);
            if (claimed == 0)
            {
                logger.LogInformation("Scan run {ScanRunId} is not claimable (done, cancelled or held by another worker); nothing to do", scanRunId);
                return;
            }

            account = await db.ScanRuns.Where(r => r.Id == scanRunId).Select(r => r.Account).AsNoTracking().SingleAsync(cancellationToken);
        }

        using var scope = logger.BeginScope("Scan run {ScanRunId} of {AwsAccountId}", scanRunId, account.AwsAccountId);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var progress = new ProgressBox();
        active.Add(scanRunId, work);
        var heartbeat = HeartbeatAsync(scanRunId, owner, lease, progress, work, stopHeartbeat.Token);
        try
        {
            var inventory = await inventories.CollectAsync(account, startedAt, p => progress.Latest = p, work.Token);
            var results = catalog.EvaluateAll(new EvaluationContext(inventory, startedAt) { Settings = settings });
            if (AccountScope.Checks(account.CheckScope, frameworks) is { } inScope)
            {
                results = results.Where(r => inScope.Contains(r.CheckId)).ToList();
            }

            work.Token.ThrowIfCancellationRequested();
            await StopAsync(stopHeartbeat, heartbeat);
            var summary = await recorder.RecordAsync(scanRunId, account.Id, inventory, results, work.Token, leaseOwner: owner);
            logger.LogInformation(
                "Scan run {ScanRunId} of {AwsAccountId} completed in {ElapsedMs} ms: {Pass} pass, {Fail} fail, {Error} error",
                scanRunId, account.AwsAccountId, (clock.GetUtcNow() - startedAt).TotalMilliseconds, summary.PassCount, summary.FailCount, summary.ErrorCount);

            // After the commit, as a job of its own: delivery can neither fail nor delay the published scan.
            notifications.AfterPublished(scanRunId);
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            await StopAsync(stopHeartbeat, heartbeat);
            await EndCancelledAsync(scanRunId, owner, shutdown: cancellationToken.IsCancellationRequested);
        }
        catch (ScanLeaseLostException ex)
        {
            logger.LogWarning("Scan run {ScanRunId}: {Reason}; results not published", scanRunId, ex.Message);
            await EndCancelledAsync(scanRunId, owner, shutdown: false);
        }
#pragma warning disable CA1031 // any failure must end the run as Failed with its reason, never leave it Running
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await StopAsync(stopHeartbeat, heartbeat);
            logger.LogError(ex, "Scan run {ScanRunId} of {AwsAccountId} failed", scanRunId, account.AwsAccountId);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.ScanRuns.Where(r => r.Id == scanRunId && r.State == ScanRunState.Running && r.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.State, ScanRunState.Failed)
                    .SetProperty(r => r.CompletedAt, clock.GetUtcNow())
                    .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(r => r.Error, Truncate($"Scan of {account.AwsAccountId} failed: {ex.Message}")), CancellationToken.None);
        }
        finally
        {
            active.Remove(scanRunId);
            await StopAsync(stopHeartbeat, heartbeat);
        }
    }

    /// <summary>
    /// Cancelled by a person → Cancelled. Stopped by a shutdown → back to Queued without a lease, so the re-queued job
    /// (Hangfire puts it back) or the start-up re-enqueue claims it again.
    /// </summary>
    private async Task EndCancelledAsync(long scanRunId, string owner, bool shutdown)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var mine = db.ScanRuns.Where(r => r.Id == scanRunId && r.State == ScanRunState.Running && r.LeaseOwner == owner);
        var requested = await db.ScanRuns.Where(r => r.Id == scanRunId).Select(r => r.CancelRequested).SingleAsync(CancellationToken.None);
        if (requested || !shutdown)
        {
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ScanRunState.Cancelled)
                .SetProperty(r => r.CompletedAt, clock.GetUtcNow())
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.Error, requested ? "Cancelled on request." : "Cancelled: the worker lost its lease."), CancellationToken.None);
            logger.LogInformation("Scan run {ScanRunId} cancelled", scanRunId);
        }
        else
        {
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ScanRunState.Queued)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            logger.LogInformation("Scan run {ScanRunId} released for a later attempt (shutdown)", scanRunId);
        }
    }

    /// <summary>
    /// Renews the lease and stores progress every heartbeat. The update only matches while this worker holds the run and
    /// nobody asked to cancel it; when it matches nothing, the work is cancelled.
    /// </summary>
    private async Task HeartbeatAsync(long scanRunId, string owner, TimeSpan lease, ProgressBox progress, CancellationTokenSource work, CancellationToken stop)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.HeartbeatMilliseconds);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop);
                var p = progress.Latest;
                var until = clock.GetUtcNow() + lease;
                await using var db = await dbFactory.CreateDbContextAsync(stop);
                var renewed = await db.ScanRuns
                    .Where(r => r.Id == scanRunId && r.State == ScanRunState.Running && r.LeaseOwner == owner && !r.CancelRequested)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.LeaseUntil, until)
                        .SetProperty(r => r.UnitsDone, p == null ? 0 : p.UnitsDone)
                        .SetProperty(r => r.UnitsTotal, p == null ? 0 : p.UnitsTotal)
                        .SetProperty(r => r.CurrentUnit, p == null ? null : Truncate(p.CurrentUnit, 200))
                        .SetProperty(r => r.CallsMade, p == null ? 0 : p.CallsMade)
                        .SetProperty(r => r.ErrorsSoFar, p == null ? 0 : p.ErrorsSoFar), stop);
                if (renewed == 0)
                {
                    await work.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the job.
        }
#pragma warning disable CA1031 // a failed renewal (database busy) is retried at the next beat; the lease has slack
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Lease renewal for scan run {ScanRunId} failed", scanRunId);
            if (!stop.IsCancellationRequested)
            {
                await HeartbeatAsync(scanRunId, owner, lease, progress, work, stop);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        await heartbeat;
    }

    private static string? Truncate(string? text, int max = 2000) => text is null || text.Length <= max ? text : text[..max];

    private sealed class ProgressBox
    {
        private CollectionProgress? _latest;

        public CollectionProgress? Latest
        {
            get => Volatile.Read(ref _latest);
            set => Volatile.Write(ref _latest, value);
        }
    }
}

/// <summary>The run is no longer this worker's (cancelled, swept, or claimed elsewhere): its results must not be published.</summary>
public sealed class ScanLeaseLostException(string message) : Exception(message);
