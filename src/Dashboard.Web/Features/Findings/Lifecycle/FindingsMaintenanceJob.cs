using Dashboard.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Findings.Lifecycle;

/// <summary>
/// Recurring upkeep of findings: risk acceptances that expired reopen, findings of expired mute rules are unmuted,
/// and raw per-scan results older than the retention age are pruned (findings, runs and aggregates stay).
/// Both jobs take no arguments and are safe to run twice.
/// </summary>
public sealed class FindingsMaintenanceJob(
    IDbContextFactory<AppDbContext> dbFactory, IOptions<FindingsOptions> options, TimeProvider clock, ILogger<FindingsMaintenanceJob> logger)
{
    public const string ExpiryJobId = "findings-expiry";
    public const string RetentionJobId = "findings-retention";

    public const string SystemActor = "system";

    [AutomaticRetry(Attempts = 1)]
    [JobDisplayName("Expire risk acceptances and mute rules")]
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.Findings
            .Where(f => f.TriageState == TriageState.RiskAccepted && f.RiskAcceptedUntil != null && f.RiskAcceptedUntil <= now)
            .ToListAsync(cancellationToken);
        foreach (var finding in expired)
        {
            db.FindingEvents.Add(new FindingEvent
            {
                FindingId = finding.Id, At = now, Actor = SystemActor, Kind = FindingEventKinds.Triage,
                From = nameof(TriageState.RiskAccepted), To = nameof(TriageState.Open),
                Note = $"risk acceptance expired ({finding.RiskAcceptedUntil:yyyy-MM-dd})",
            });
            finding.TriageState = TriageState.Open;
            finding.RiskAcceptedUntil = null;
        }

        var expiredRules = await db.MuteRules.Where(r => r.ExpiresAt != null && r.ExpiresAt <= now).Select(r => r.Id).ToListAsync(cancellationToken);
        var unmuted = 0;
        if (expiredRules.Count > 0)
        {
            var rules = await db.MuteRules.AsNoTracking().ToListAsync(cancellationToken);
            var matcher = new MuteMatcher(rules, now);
            var muted = await db.Findings.Where(f => f.MutedByRuleId != null && expiredRules.Contains(f.MutedByRuleId.Value)).ToListAsync(cancellationToken);
            unmuted = matcher.Apply(muted);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (expired.Count > 0 || unmuted > 0)
        {
            logger.LogInformation("{Reopened} risk acceptances expired; {Unmuted} findings left expired mute rules", expired.Count, unmuted);
        }
    }

    [AutomaticRetry(Attempts = 1)]
    [JobDisplayName("Prune raw scan results")]
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RawResultRetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Each finding keeps its current state; only the per-scan copies of old runs go. The latest run of an account
        // keeps its results even when old, so a finding page always shows at least the result that set its state.
        var latest = db.ScanRuns.Where(r => r.State == ScanRunState.Completed).GroupBy(r => r.AccountId).Select(g => g.Max(r => r.Id));
        var oldRuns = db.ScanRuns.Where(r => r.CompletedAt != null && r.CompletedAt < cutoff && !latest.Contains(r.Id)).Select(r => r.Id);
        var results = await db.ScanResults.Where(r => oldRuns.Contains(r.ScanRunId)).ExecuteDeleteAsync(cancellationToken);
        var diffs = await db.ScanDiffEntries.Where(d => oldRuns.Contains(d.ScanRunId)).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Retention: deleted {Results} raw results and {Diffs} diff lines of runs before {Cutoff:u}", results, diffs, cutoff);
    }
}

/// <summary>Registers the recurring upkeep jobs at start-up (Hangfire's in-memory storage forgets them on restart).</summary>
internal sealed class FindingsMaintenanceRegistration(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<FindingsMaintenanceJob>(FindingsMaintenanceJob.ExpiryJobId, j => j.ExpireAsync(CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<FindingsMaintenanceJob>(FindingsMaintenanceJob.RetentionJobId, j => j.PruneAsync(CancellationToken.None), Cron.Daily(3));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class FindingEventKinds
{
    public const string Triage = "triage";
    public const string Comment = "comment";
    public const string Assignee = "assignee";
    public const string DueDate = "due";
    public const string RiskAcceptance = "risk-accepted";
}
