using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Marks runs whose worker stopped renewing its lease (the process died, or lost the database) as Interrupted and,
/// within the <see cref="JobsOptions.AutoRetryInterrupted"/> budget, queues a new run of the account in the same
/// transaction (trigger <see cref="AutoRetryTrigger"/>), so a crashed worker's scans are done again without a person.
/// Each run is swept by one conditional update, so several nodes sweeping at once interrupt and retry it once.
/// </summary>
public sealed class ScanSweeper(
    IDbContextFactory<AppDbContext> dbFactory, ScanLauncher launcher, IOptions<JobsOptions> options, TimeProvider clock, ILogger<ScanSweeper> logger)
{
    /// <summary>The trigger of a run the sweeper queued to redo an Interrupted one.</summary>
    public const string AutoRetryTrigger = "Auto-retry";

    public const string Reason = "Interrupted: the worker stopped renewing its lease (the process ended or lost the database). Previous results are unchanged; retry the scan.";

    public const string RetriedReason = "Interrupted: the worker stopped renewing its lease (the process ended or lost the database). Previous results are unchanged; a new scan was queued automatically.";

    /// <summary>Sweeps once; returns how many runs this call marked Interrupted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<long> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            candidates = await db.ScanRuns.Where(Abandoned(now)).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        var swept = 0;
        foreach (var runId in candidates)
        {
            var (interrupted, retryId) = await SweepRunAsync(runId, now, cancellationToken);
            swept += interrupted ? 1 : 0;
            if (retryId is { } retry)
            {
                launcher.Enqueue(retry);
                logger.LogWarning("Scan run {ScanRunId} was abandoned by its worker: marked Interrupted, retry queued as run {RetryRunId}", runId, retry);
            }
            else if (interrupted)
            {
                logger.LogWarning("Scan run {ScanRunId} was abandoned by its worker: marked Interrupted (no automatic retry left)", runId);
            }
        }

        return swept;
    }

    /// <summary>
    /// Interrupts one run if it is still abandoned, and queues its retry in the same transaction: either both are
    /// visible or neither. The run being interrupted was its account's one active run, so the retry cannot meet another.
    /// </summary>
    private async Task<(bool Interrupted, long? RetryId)> SweepRunAsync(long runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.ScanRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.AccountId, AccountEnabled = r.Account.Enabled, r.Trigger, r.RetryOfRunId })
            .SingleAsync(cancellationToken);
        var retry = run.AccountEnabled && await AutomaticRetriesBeforeAsync(db, run.Trigger, run.RetryOfRunId, cancellationToken) < options.Value.AutoRetryInterrupted;
        var marked = await db.ScanRuns.Where(r => r.Id == runId).Where(Abandoned(now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ScanRunState.Interrupted)
                .SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.Error, retry ? RetriedReason : Reason), cancellationToken);
        if (marked == 0)
        {
            return (false, null); // another node swept it first, or its worker renewed the lease or finished
        }

        long? retryId = null;
        if (retry)
        {
            var next = new ScanRun { AccountId = run.AccountId, State = ScanRunState.Queued, Trigger = AutoRetryTrigger, QueuedAt = now, RetryOfRunId = runId };
            db.ScanRuns.Add(next);
            await db.SaveChangesAsync(cancellationToken);
            retryId = next.Id;
        }

        await transaction.CommitAsync(cancellationToken);
        return (true, retryId);
    }

    /// <summary>How many automatic retries lead up to this run (0 unless it is one): the chain stops at any other trigger.</summary>
    private async Task<int> AutomaticRetriesBeforeAsync(AppDbContext db, string trigger, long? retryOf, CancellationToken cancellationToken)
    {
        var count = 0;
        while (trigger == AutoRetryTrigger && count < options.Value.AutoRetryInterrupted)
        {
            count++;
            if (retryOf is not { } previous)
            {
                break;
            }

            var before = await db.ScanRuns.AsNoTracking().Where(r => r.Id == previous).Select(r => new { r.Trigger, r.RetryOfRunId }).SingleOrDefaultAsync(cancellationToken);
            if (before is null)
            {
                break;
            }

            (trigger, retryOf) = (before.Trigger, before.RetryOfRunId);
        }

        return count;
    }

    /// <summary>
    /// Running with an expired lease; a Running row without a lease (an old row, or demo history cut short) counts as
    /// abandoned once it is a lease old.
    /// </summary>
    private System.Linq.Expressions.Expression<Func<ScanRun, bool>> Abandoned(DateTimeOffset now)
    {
        var startedBefore = now - TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        return r => r.State == ScanRunState.Running
            && ((r.LeaseUntil != null && r.LeaseUntil < now) || (r.LeaseUntil == null && (r.StartedAt == null || r.StartedAt < startedBefore)));
    }
}

/// <summary>
/// Sweeps every <see cref="JobsOptions.SweepSeconds"/> on every node (web nodes too, so runs of a worker that died
/// show as Interrupted and get retried even while no other worker is up). A failed sweep is logged and tried again
/// at the next tick.
/// </summary>
internal sealed class ScanSweeperService(ScanSweeper sweeper, IOptions<JobsOptions> options, ILogger<ScanSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweeper.SweepAsync(stoppingToken);
                }
#pragma warning disable CA1031 // the database may be briefly unreachable; the next tick tries again
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    logger.LogWarning(ex, "Sweeping abandoned scan runs failed; trying again in {Seconds} s", options.Value.SweepSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}

/// <summary>A recurring schedule's job: takes only the account id and starts (or joins) a scan.</summary>
public sealed class ScheduledScanJob(IDbContextFactory<AppDbContext> dbFactory, ScanLauncher launcher, ILogger<ScheduledScanJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scheduled scan of account {0}")]
    public async Task RunAsync(int accountId, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Accounts.AnyAsync(a => a.Id == accountId && a.Enabled, cancellationToken))
            {
                logger.LogInformation("Scheduled scan skipped: account {AccountId} is gone or disabled", accountId);
                return;
            }
        }

        var start = await launcher.LaunchAsync(accountId, "Schedule", cancellationToken);
        logger.LogInformation("Scheduled scan of account {AccountId}: {Outcome} run {RunId}", accountId, start.Created ? "queued" : "joined", start.RunId);
    }
}

/// <summary>Keeps Hangfire's recurring jobs in line with the schedules stored on the accounts.</summary>
public sealed class ScanSchedules(IDbContextFactory<AppDbContext> dbFactory, IRecurringJobManager recurring, ILogger<ScanSchedules> logger)
{
    public static string JobId(int accountId) => $"scan-account-{accountId}";

    public void Apply(CloudAccount account)
    {
        if (!account.Enabled || string.IsNullOrWhiteSpace(account.Schedule))
        {
            recurring.RemoveIfExists(JobId(account.Id));
            return;
        }

        var zone = CronSchedule.FindTimeZone(account.ScheduleTimeZone) ?? TimeZoneInfo.Utc;
        var accountId = account.Id;
        recurring.AddOrUpdate<ScheduledScanJob>(JobId(accountId), job => job.RunAsync(accountId, CancellationToken.None), account.Schedule.Trim(),
            new RecurringJobOptions { TimeZone = zone });
    }

    public void Remove(int accountId) => recurring.RemoveIfExists(JobId(accountId));

    /// <summary>Registers every stored schedule; called at start-up (Hangfire's in-memory storage forgets them on restart).</summary>
    public async Task<int> RegisterAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var registered = 0;
        foreach (var account in accounts)
        {
            try
            {
                Apply(account);
                registered += account.Enabled && !string.IsNullOrWhiteSpace(account.Schedule) ? 1 : 0;
            }
            catch (ArgumentException ex)
            {
                logger.LogError(ex, "Schedule '{Schedule}' of account {AccountId} is invalid; not registered", account.Schedule, account.Id);
            }
        }

        return registered;
    }
}

/// <summary>
/// At start-up: registers the account schedules and enqueues runs left Queued (in-memory job storage does not survive a
/// restart). Runs the previous process held are swept by <see cref="ScanSweeperService"/> once their lease expires.
/// </summary>
internal sealed class ScanStartup(
    IDbContextFactory<AppDbContext> dbFactory, ScanSchedules schedules, ScanLauncher launcher, IRecurringJobManager recurring, ILogger<ScanStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Sweeping used to be a Hangfire recurring job (at most once a minute); ScanSweeperService does it now.
        recurring.RemoveIfExists("scan-sweeper");
        var registered = await schedules.RegisterAllAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var queued = await db.ScanRuns.Where(r => r.State == ScanRunState.Queued && !r.Account.IsDemo).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in queued)
        {
            launcher.Enqueue(runId);
        }

        logger.LogInformation("Scans: {Schedules} schedule(s) registered, {Queued} queued run(s) enqueued", registered, queued.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
