using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Findings.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Turns one complete scan's results into findings with a stable identity (account, check, region, resource),
/// moves their lifecycle (new, resolved, regressed), applies mute rules, and writes the scan's diff and per-scan
/// aggregates, all with the run's completion in one transaction: readers see the old picture or the new one.
/// </summary>
public sealed class ScanRecorder(
    IDbContextFactory<AppDbContext> dbFactory,
    CheckCatalog catalog,
    FrameworkCatalog frameworks,
    IOptions<FindingsOptions> options,
    TimeProvider clock,
    ILogger<ScanRecorder> logger)
{
    /// <param name="at">When the scan completed; the clock's now unless a caller records history (the demo).</param>
    /// <param name="leaseOwner">
    /// The worker's lease: when given, results are published only if the run is still Running under this lease and
    /// nobody asked to cancel it (checked inside the transaction); otherwise <see cref="ScanLeaseLostException"/>.
    /// </param>
    public async Task<ScanRun> RecordAsync(
        long scanRunId, int accountId, AccountInventory inventory, IReadOnlyList<CheckResult> results, CancellationToken cancellationToken,
        DateTimeOffset? at = null, string? leaseOwner = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Check the lease with an update, not a read: the update locks the run's row until commit, so a sweeper or a cancel
        // that comes a moment later waits and then finds the run Completed, instead of interrupting a run being published.
        var held = leaseOwner is null || await db.ScanRuns
            .Where(r => r.Id == scanRunId && r.State == ScanRunState.Running && r.LeaseOwner == leaseOwner && !r.CancelRequested)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CurrentUnit, "publishing results"), cancellationToken) == 1;
        var run = await db.ScanRuns.SingleAsync(r => r.Id == scanRunId, cancellationToken);
        if (!held)
        {
            throw new ScanLeaseLostException($"run {scanRunId} is {run.State}{(run.CancelRequested ? " (cancel requested)" : "")} and no longer held by this worker");
        }

        var now = at ?? clock.GetUtcNow();
        var settings = options.Value;
        var existing = await db.Findings
            .Where(f => f.AccountId == accountId)
            .ToDictionaryAsync(f => new FindingKey(f.CheckId, f.Region, f.ResourceId), cancellationToken);
        var tags = ResourceTags.Index(inventory);
        var unique = Deduplicate(results).ToList();
        var changes = new List<(Finding Finding, FindingChange Change)>();
        var remediationSeconds = new Dictionary<Finding, double>();

        foreach (var result in unique)
        {
            var check = catalog.Find(result.CheckId);
            var evidence = JsonSerializer.Serialize(result.Evidence);
            var key = new FindingKey(result.CheckId, result.Region, result.ResourceId);
            if (!existing.TryGetValue(key, out var finding))
            {
                finding = new Finding
                {
                    AccountId = accountId,
                    CheckId = result.CheckId,
                    CheckTitle = check?.Metadata.Title ?? result.CheckId,
                    Service = check?.Metadata.Service ?? "",
                    Severity = check?.Metadata.Severity ?? Severity.Medium,
                    Region = result.Region,
                    ResourceId = result.ResourceId,
                    Reason = result.Reason,
                    EvidenceJson = evidence,
                    FirstSeen = now,
                };
                db.Findings.Add(finding);
                existing[key] = finding;
            }

            finding.ResourceArn = result.ResourceArn;
            finding.Status = result.Status;
            finding.Reason = result.Reason;
            finding.EvidenceJson = evidence;
            finding.LastSeen = now;
            finding.LastScanRunId = scanRunId;
            finding.Tags = tags.GetValueOrDefault(result.ResourceId) ?? (result.ResourceArn is null ? null : tags.GetValueOrDefault(result.ResourceArn));
            if (check is not null)
            {
                finding.CheckTitle = check.Metadata.Title;
                finding.Severity = check.Metadata.Severity;
                finding.Service = check.Metadata.Service;
            }

            Track(finding, FindingLifecycleRules.Apply(finding, result.Status, now, settings));
            db.ScanResults.Add(new ScanResult { ScanRunId = scanRunId, Finding = finding, Status = result.Status, Reason = result.Reason, EvidenceJson = evidence });
        }

        ResolveVanished(existing.Values, unique, now, Track);

        var rules = await db.MuteRules.AsNoTracking().Where(r => r.AccountId == null || r.AccountId == accountId).ToListAsync(cancellationToken);
        new MuteMatcher(rules, now).Apply(existing.Values);

        run.PassCount = unique.Count(r => r.Status == ResultStatus.Pass);
        run.FailCount = unique.Count(r => r.Status == ResultStatus.Fail);
        run.ManualCount = unique.Count(r => r.Status == ResultStatus.Manual);
        run.NotApplicableCount = unique.Count(r => r.Status == ResultStatus.NotApplicable);
        run.ErrorCount = unique.Count(r => r.Status == ResultStatus.Error);
        run.NewCount = changes.Count(c => c.Change == FindingChange.New);
        run.ResolvedCount = changes.Count(c => c.Change == FindingChange.Resolved);
        run.RegressedCount = changes.Count(c => c.Change == FindingChange.Regressed);
        run.UnchangedCount = existing.Values.Count(f => f.Lifecycle == FindingLifecycle.Open) - run.NewCount - run.RegressedCount;
        run.CollectionErrorCount = inventory.Errors.Count;
        run.AccessDeniedCount = inventory.Errors.Count(e => e.IsAccessDenied);
        run.ErrorsSoFar = inventory.Errors.Count;
        run.UnitsDone = run.UnitsTotal;
        run.CurrentUnit = null;
        run.LeaseUntil = null;
        run.State = ScanRunState.Completed;
        run.CompletedAt = now;

        foreach (var (finding, change) in changes)
        {
            db.ScanDiffEntries.Add(new ScanDiffEntry { ScanRunId = scanRunId, Finding = finding, Change = change });
        }

        AddSeverityAggregates(db, run, accountId, now, existing.Values, changes, remediationSeconds);
        AddComplianceAggregates(db, run, accountId, now, unique);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;

        void Track(Finding finding, FindingChange? change)
        {
            if (change is not { } c)
            {
                return;
            }

            changes.Add((finding, c));
            if (c == FindingChange.Resolved && finding.OpenedAt is { } opened)
            {
                remediationSeconds[finding] = (now - opened).TotalSeconds;
            }
        }
    }

    /// <summary>
    /// An open finding absent from a complete scan resolves when its check ran cleanly in that region (the resource is
    /// gone). When the check reported an error there, or did not run at all, nothing is decided.
    /// </summary>
    private static void ResolveVanished(IEnumerable<Finding> findings, List<CheckResult> results, DateTimeOffset now, Action<Finding, FindingChange?> track)
    {
        var seen = results.Select(r => new FindingKey(r.CheckId, r.Region, r.ResourceId)).ToHashSet();
        var ranCleanly = results.GroupBy(r => (r.CheckId, r.Region))
            .Where(g => g.All(r => r.Status != ResultStatus.Error))
            .Select(g => g.Key)
            .ToHashSet();
        var checksWithErrors = results.Where(r => r.Status == ResultStatus.Error).Select(r => r.CheckId).ToHashSet(StringComparer.Ordinal);
        foreach (var finding in findings.Where(f => f.Lifecycle == FindingLifecycle.Open && !seen.Contains(new FindingKey(f.CheckId, f.Region, f.ResourceId))))
        {
            if (ranCleanly.Contains((finding.CheckId, finding.Region)) && !checksWithErrors.Contains(finding.CheckId))
            {
                finding.Status = ResultStatus.NotApplicable;
                finding.Reason = "The resource was not found in the latest complete scan.";
                track(finding, FindingLifecycleRules.Apply(finding, ResultStatus.NotApplicable, now, new FindingsOptions()));
            }
        }
    }

    private static void AddSeverityAggregates(
        AppDbContext db, ScanRun run, int accountId, DateTimeOffset now, IEnumerable<Finding> findings,
        List<(Finding Finding, FindingChange Change)> changes, Dictionary<Finding, double> remediationSeconds)
    {
        var open = findings.Where(f => f.Lifecycle == FindingLifecycle.Open).ToList();
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var changed = changes.Where(c => c.Finding.Severity == severity).ToList();
            db.SeverityAggregates.Add(new ScanSeverityAggregate
            {
                ScanRunId = run.Id,
                AccountId = accountId,
                At = now,
                Severity = severity,
                OpenCount = open.Count(f => f.Severity == severity && f.MutedByRuleId is null),
                MutedOpenCount = open.Count(f => f.Severity == severity && f.MutedByRuleId is not null),
                OverdueCount = open.Count(f => f.Severity == severity && f.MutedByRuleId is null && FindingLifecycleRules.IsOverdue(f, now)),
                NewCount = changed.Count(c => c.Change == FindingChange.New),
                ResolvedCount = changed.Count(c => c.Change == FindingChange.Resolved),
                RegressedCount = changed.Count(c => c.Change == FindingChange.Regressed),
                RemediationSeconds = changed.Where(c => c.Change == FindingChange.Resolved).Sum(c => remediationSeconds.GetValueOrDefault(c.Finding)),
            });
        }
    }

    private void AddComplianceAggregates(AppDbContext db, ScanRun run, int accountId, DateTimeOffset now, IEnumerable<CheckResult> results)
    {
        var outcomes = CheckOutcome.From(results);
        foreach (var framework in frameworks.All)
        {
            foreach (var sectionId in framework.Sections.Select(s => s.Id).Prepend(""))
            {
                var score = ComplianceRules.Score(framework, outcomes, sectionId.Length == 0 ? null : sectionId);
                db.ComplianceAggregates.Add(new ScanComplianceAggregate
                {
                    ScanRunId = run.Id,
                    AccountId = accountId,
                    At = now,
                    FrameworkId = framework.Id,
                    SectionId = sectionId,
                    Passed = score.Passed,
                    Failed = score.Failed,
                    Manual = score.Manual,
                    NotApplicable = score.NotApplicable,
                    Error = score.Error,
                });
            }
        }
    }

    /// <summary>
    /// One result per identity. Two results for the same resource in one scan is a check bug; keep the one that
    /// needs attention most (Error, then Fail) so a bug never hides a failure, and log it.
    /// </summary>
    private IEnumerable<CheckResult> Deduplicate(IReadOnlyList<CheckResult> results)
    {
        foreach (var group in results.GroupBy(r => new FindingKey(r.CheckId, r.Region, r.ResourceId)))
        {
            if (group.Skip(1).Any())
            {
                logger.LogWarning("Check {CheckId} returned {Count} results for {Region}/{ResourceId}; keeping the most severe",
                    group.Key.CheckId, group.Count(), group.Key.Region, group.Key.ResourceId);
            }

            yield return group.OrderByDescending(r => StatusWeight(r.Status)).First();
        }
    }

    private static int StatusWeight(ResultStatus status) => status switch
    {
        ResultStatus.Error => 4,
        ResultStatus.Fail => 3,
        ResultStatus.Manual => 2,
        ResultStatus.Pass => 1,
        _ => 0,
    };

    private readonly record struct FindingKey(string CheckId, string Region, string ResourceId);
}
