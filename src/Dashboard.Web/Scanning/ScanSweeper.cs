using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Marks runs whose worker stopped renewing its lease (the process died, or lost the database) as Interrupted, so the
/// account can be scanned again; the scans page offers a retry. Runs as a recurring job and once after start-up.
/// </summary>
public sealed class ScanSweeper(IDbContextFactory<AppDbContext> dbFactory, IOptions<JobsOptions> options, TimeProvider clock, ILogger<ScanSweeper> logger)
{
    public const string RecurringJobId = "scan-sweeper";

    public const string Reason = "Interrupted: the worker stopped renewing its lease (the process ended or lost the database). Previous results are unchanged; retry the scan.";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    [JobDisplayName("Sweep abandoned scan runs")]
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A Running row without a lease (an old row, or demo history cut short) counts as abandoned once it is a lease old.
        var startedBefore = now - TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var swept = await db.ScanRuns
            .Where(r => r.State == ScanRunState.Running
                && ((r.LeaseUntil != null && r.LeaseUntil < now) || (r.LeaseUntil == null && (r.StartedAt == null || r.StartedAt < startedBefore))))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ScanRunState.Interrupted)
                .SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.Error, Reason), cancellationToken);
        if (swept > 0)
        {
            logger.LogWarning("Marked {Count} abandoned scan run(s) Interrupted", swept);
        }

        return swept;
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
/// At start-up: registers the sweeper and the account schedules, enqueues runs left Queued (in-memory job storage does
/// not survive a restart), and sweeps once a lease after start (a run held by the previous process is abandoned).
/// </summary>
internal sealed class ScanStartup(
    IDbContextFactory<AppDbContext> dbFactory, ScanSchedules schedules, ScanLauncher launcher, IRecurringJobManager recurring, IBackgroundJobClient jobs,
    IOptions<JobsOptions> options, ILogger<ScanStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ScanSweeper>(ScanSweeper.RecurringJobId, s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        var registered = await schedules.RegisterAllAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var queued = await db.ScanRuns.Where(r => r.State == ScanRunState.Queued && !r.Account.IsDemo).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in queued)
        {
            launcher.Enqueue(runId);
        }

        jobs.Schedule<ScanSweeper>(s => s.SweepAsync(CancellationToken.None), TimeSpan.FromSeconds(options.Value.LeaseSeconds + 1));
        logger.LogInformation("Scans: {Schedules} schedule(s) registered, {Queued} queued run(s) enqueued", registered, queued.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
