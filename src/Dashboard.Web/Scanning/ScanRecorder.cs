using System.Buffers;
using System.Text;
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
    /// <remarks>
    /// The lifecycle is decided in memory over the account's findings (loaded once, untracked); then only what changed
    /// is written, in bulk (<see cref="BulkWriter"/>): new findings, the changed columns of changed findings, one
    /// set-based update of last seen, the raw results and the diff. A run already recorded is returned as it is.
    /// </remarks>
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

        if (run.State == ScanRunState.Completed)
        {
            logger.LogInformation("Scan run {ScanRunId} is already recorded; nothing to do", scanRunId);
            return run;
        }

        var now = at ?? clock.GetUtcNow();
        var settings = options.Value;
        var loaded = await db.Findings.AsNoTracking().Where(f => f.AccountId == accountId).ToListAsync(cancellationToken);
        var before = loaded.ToDictionary(f => f, Snapshot);
        var existing = loaded.ToDictionary(f => new FindingKey(f.CheckId, f.Region, f.ResourceId));
        var tags = ResourceTags.Index(inventory);
        var unique = Deduplicate(results, out var seenKeys);
        var changes = new List<(Finding Finding, FindingChange Change)>();
        var remediationSeconds = new Dictionary<Finding, double>();
        var added = new List<Finding>();
        var recorded = new List<(Finding Finding, CheckResult Result, string Evidence)>(unique.Count);
        using var json = new EvidenceWriter();

        foreach (var result in unique)
        {
            var check = catalog.Find(result.CheckId);
            var evidence = json.Write(result.Evidence);
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
                added.Add(finding);
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
            recorded.Add((finding, result, evidence));
        }

        ResolveVanished(existing.Values, unique, seenKeys, now, Track);

        var rules = await db.MuteRules.AsNoTracking().Where(r => r.AccountId == null || r.AccountId == accountId).ToListAsync(cancellationToken);
        new MuteMatcher(rules, now).Apply(existing.Values);

        var writer = BulkWriter.For(db);
        await InsertFindingsAsync(writer, added, cancellationToken);
        await UpdateFindingsAsync(writer, before, cancellationToken);
        await writer.InsertAsync<ScanResult>(
            [nameof(ScanResult.ScanRunId), nameof(ScanResult.FindingId), nameof(ScanResult.Status), nameof(ScanResult.Reason), nameof(ScanResult.EvidenceJson)],
            recorded.Select(r => new object?[] { scanRunId, r.Finding.Id, r.Result.Status, r.Result.Reason, r.Evidence }),
            cancellationToken);

        // Every finding this scan saw moves its last seen in one statement; the new ones were inserted with it.
        var seen = db.ScanResults.Where(r => r.ScanRunId == scanRunId).Select(r => r.FindingId);
        await db.Findings.Where(f => seen.Contains(f.Id) && f.LastScanRunId != scanRunId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastSeen, now).SetProperty(f => f.LastScanRunId, scanRunId), cancellationToken);
        await writer.InsertAsync<ScanDiffEntry>(
            [nameof(ScanDiffEntry.ScanRunId), nameof(ScanDiffEntry.FindingId), nameof(ScanDiffEntry.Change)],
            changes.Select(c => new object?[] { scanRunId, c.Finding.Id, c.Change }),
            cancellationToken);

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

    private static async Task InsertFindingsAsync(BulkWriter writer, List<Finding> added, CancellationToken cancellationToken)
    {
        string[] columns = [nameof(Finding.AccountId), nameof(Finding.CheckId), nameof(Finding.Region), nameof(Finding.ResourceId), nameof(Finding.FirstSeen),
            nameof(Finding.LastSeen), nameof(Finding.LastScanRunId), .. Written.Select(c => c.Name)];
        // In key order, so the unique index (and the others led by check) grow at their ends instead of all over.
        added.Sort(static (a, b) => string.CompareOrdinal(a.CheckId, b.CheckId) is not 0 and var byCheck ? byCheck
            : string.CompareOrdinal(a.Region, b.Region) is not 0 and var byRegion ? byRegion
            : string.CompareOrdinal(a.ResourceId, b.ResourceId));
        var ids = await writer.InsertReturningIdsAsync<Finding>(
            columns,
            added.Select(f => (object?[])[f.AccountId, f.CheckId, f.Region, f.ResourceId, f.FirstSeen, f.LastSeen, f.LastScanRunId, .. Snapshot(f)]).ToList(),
            cancellationToken);
        for (var i = 0; i < added.Count; i++)
        {
            added[i].Id = ids[i];
        }
    }

    /// <summary>
    /// Writes exactly the columns that changed, as change tracking would, so a recording never overwrites a triage
    /// field it did not move: findings are grouped by the set of columns that changed, one bulk update per group.
    /// </summary>
    private static async Task UpdateFindingsAsync(BulkWriter writer, Dictionary<Finding, object?[]> before, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<int, List<Finding>>();
        foreach (var (finding, old) in before)
        {
            var mask = 0;
            for (var i = 0; i < Written.Length; i++)
            {
                if (!Equals(old[i], Written[i].Value(finding)))
                {
                    mask |= 1 << i;
                }
            }

            if (mask == 0)
            {
                continue;
            }

            if (!groups.TryGetValue(mask, out var group))
            {
                groups[mask] = group = [];
            }

            group.Add(finding);
        }

        foreach (var (mask, group) in groups)
        {
            var columns = Written.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            await writer.UpdateAsync<Finding>(
                columns.Select(c => c.Name).ToList(),
                group.Select(f => (object?[])[f.Id, .. columns.Select(c => c.Value(f))]),
                cancellationToken);
        }
    }

    /// <summary>
    /// Evidence as a JSON object, exactly as <see cref="JsonSerializer"/> writes the dictionary (same escaping), through
    /// one reused buffer: a scan serialises one per result.
    /// </summary>
    private sealed class EvidenceWriter : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        public EvidenceWriter() => _writer = new Utf8JsonWriter(_buffer);

        public string Write(IReadOnlyDictionary<string, string> evidence)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            foreach (var (key, value) in evidence)
            {
                _writer.WriteString(key, value);
            }

            _writer.WriteEndObject();
            _writer.Flush();
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }

        public void Dispose() => _writer.Dispose();
    }

    /// <summary>The finding columns recording may change (besides last seen), to find and write only what changed.</summary>
    private static readonly (string Name, Func<Finding, object?> Value)[] Written =
    [
        (nameof(Finding.ResourceArn), f => f.ResourceArn),
        (nameof(Finding.Status), f => f.Status),
        (nameof(Finding.Reason), f => f.Reason),
        (nameof(Finding.EvidenceJson), f => f.EvidenceJson),
        (nameof(Finding.Tags), f => f.Tags),
        (nameof(Finding.CheckTitle), f => f.CheckTitle),
        (nameof(Finding.Severity), f => f.Severity),
        (nameof(Finding.Service), f => f.Service),
        (nameof(Finding.Lifecycle), f => f.Lifecycle),
        (nameof(Finding.OpenedAt), f => f.OpenedAt),
        (nameof(Finding.ResolvedAt), f => f.ResolvedAt),
        (nameof(Finding.ReopenCount), f => f.ReopenCount),
        (nameof(Finding.DueAt), f => f.DueAt),
        (nameof(Finding.TriageState), f => f.TriageState),
        (nameof(Finding.MutedByRuleId), f => f.MutedByRuleId),
    ];

    /// <summary>The values of <see cref="Written"/>, in its order.</summary>
    private static object?[] Snapshot(Finding finding) => Array.ConvertAll(Written, c => c.Value(finding));

    /// <summary>
    /// An open finding absent from a complete scan resolves when its check ran cleanly in that region (the resource is
    /// gone). When the check reported an error there, or did not run at all, nothing is decided.
    /// </summary>
    private static void ResolveVanished(
        IEnumerable<Finding> findings, List<CheckResult> results, Dictionary<FindingKey, int> seen, DateTimeOffset now, Action<Finding, FindingChange?> track)
    {
        var vanished = findings.Where(f => f.Lifecycle == FindingLifecycle.Open && !seen.ContainsKey(new FindingKey(f.CheckId, f.Region, f.ResourceId))).ToList();
        if (vanished.Count == 0)
        {
            return;
        }

        var ranCleanly = results.GroupBy(r => (r.CheckId, r.Region))
            .Where(g => g.All(r => r.Status != ResultStatus.Error))
            .Select(g => g.Key)
            .ToHashSet();
        var checksWithErrors = results.Where(r => r.Status == ResultStatus.Error).Select(r => r.CheckId).ToHashSet(StringComparer.Ordinal);
        foreach (var finding in vanished)
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
    private List<CheckResult> Deduplicate(IReadOnlyList<CheckResult> results, out Dictionary<FindingKey, int> seen)
    {
        var unique = new List<CheckResult>(results.Count);
        seen = new Dictionary<FindingKey, int>(results.Count);
        Dictionary<FindingKey, int>? duplicates = null;
        foreach (var result in results)
        {
            var key = new FindingKey(result.CheckId, result.Region, result.ResourceId);
            if (!seen.TryGetValue(key, out var index))
            {
                seen[key] = unique.Count;
                unique.Add(result);
                continue;
            }

            duplicates ??= [];
            duplicates[key] = duplicates.GetValueOrDefault(key, 1) + 1;
            if (StatusWeight(result.Status) > StatusWeight(unique[index].Status))
            {
                unique[index] = result;
            }
        }

        foreach (var (key, count) in duplicates ?? [])
        {
            logger.LogWarning("Check {CheckId} returned {Count} results for {Region}/{ResourceId}; keeping the most severe",
                key.CheckId, count, key.Region, key.ResourceId);
        }

        return unique;
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
