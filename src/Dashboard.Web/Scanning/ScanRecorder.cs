using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Turns one scan's results into findings with a stable identity (account, check, region, resource) and publishes
/// them together with the run's completion in one transaction: readers see the old picture or the new one.
/// </summary>
public sealed class ScanRecorder(IDbContextFactory<AppDbContext> dbFactory, CheckCatalog catalog, TimeProvider clock, ILogger<ScanRecorder> logger)
{
    public async Task<ScanRun> RecordAsync(
        long scanRunId, int accountId, AccountInventory inventory, IReadOnlyList<CheckResult> results, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var run = await db.ScanRuns.SingleAsync(r => r.Id == scanRunId, cancellationToken);
        var now = clock.GetUtcNow();
        var existing = await db.Findings
            .Where(f => f.AccountId == accountId)
            .ToDictionaryAsync(f => new FindingKey(f.CheckId, f.Region, f.ResourceId), cancellationToken);

        foreach (var result in Deduplicate(results))
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
            if (check is not null)
            {
                finding.CheckTitle = check.Metadata.Title;
                finding.Severity = check.Metadata.Severity;
                finding.Service = check.Metadata.Service;
            }

            db.ScanResults.Add(new ScanResult { ScanRunId = scanRunId, Finding = finding, Status = result.Status, Reason = result.Reason, EvidenceJson = evidence });
        }

        run.PassCount = results.Count(r => r.Status == ResultStatus.Pass);
        run.FailCount = results.Count(r => r.Status == ResultStatus.Fail);
        run.ManualCount = results.Count(r => r.Status == ResultStatus.Manual);
        run.NotApplicableCount = results.Count(r => r.Status == ResultStatus.NotApplicable);
        run.ErrorCount = results.Count(r => r.Status == ResultStatus.Error);
        run.CollectionErrorCount = inventory.Errors.Count;
        run.State = ScanRunState.Completed;
        run.CompletedAt = now;

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
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
