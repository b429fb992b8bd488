using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Compliance;

/// <summary>Check outcomes of one account's latest complete scan.</summary>
public sealed record AccountOutcomes(
    int AccountId, string Name, string AwsAccountId, long ScanRunId, DateTimeOffset? ScannedAt, IReadOnlyDictionary<string, CheckOutcome> Outcomes);

/// <summary>
/// What compliance is computed from: per account, the result counts per check of its latest complete scan.
/// Accounts that never completed a scan are listed with no outcomes.
/// </summary>
public sealed record ComplianceSnapshot(IReadOnlyList<AccountOutcomes> Accounts)
{
    /// <summary>Outcomes of the given account, or of every account added together (a failure anywhere fails the requirement).</summary>
    public IReadOnlyDictionary<string, CheckOutcome> OutcomesFor(int? accountId)
    {
        if (accountId is { } id)
        {
            return Accounts.FirstOrDefault(a => a.AccountId == id)?.Outcomes ?? new Dictionary<string, CheckOutcome>();
        }

        var combined = new Dictionary<string, CheckOutcome>(StringComparer.Ordinal);
        foreach (var outcome in Accounts.SelectMany(a => a.Outcomes.Values))
        {
            combined[outcome.CheckId] = combined.TryGetValue(outcome.CheckId, out var sum) ? sum.Plus(outcome) : outcome;
        }

        return combined;
    }

    public bool HasResults => Accounts.Any(a => a.Outcomes.Count > 0);
}

/// <summary>One resource's latest result for a check, linking to its finding.</summary>
public sealed record ResourceResult(long FindingId, string AccountName, string Region, string ResourceId, ResultStatus Status, string Reason);

/// <summary>Compliance per framework, section and account, from each account's latest complete scan.</summary>
public sealed class ComplianceQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxResources = 100;

    public async Task<ComplianceSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var runs = await LatestCompleteRuns(db)
            .Select(r => new { r.Id, r.AccountId, r.CompletedAt })
            .ToDictionaryAsync(r => r.AccountId, cancellationToken);

        var runIds = runs.Values.Select(r => r.Id).ToList();
        var counts = await db.ScanResults.AsNoTracking()
            .Where(r => runIds.Contains(r.ScanRunId))
            .GroupBy(r => new { r.Finding.AccountId, r.Finding.CheckId, r.Status })
            .Select(g => new { g.Key.AccountId, g.Key.CheckId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byAccount = counts.ToLookup(c => c.AccountId);
        return new ComplianceSnapshot(accounts.Select(a =>
        {
            var outcomes = new Dictionary<string, CheckOutcome>(StringComparer.Ordinal);
            foreach (var c in byAccount[a.Id])
            {
                outcomes[c.CheckId] = (outcomes.GetValueOrDefault(c.CheckId) ?? CheckOutcome.Empty(c.CheckId)).Add(c.Status, c.Count);
            }

            var run = runs.GetValueOrDefault(a.Id);
            return new AccountOutcomes(a.Id, a.Name, a.AwsAccountId, run?.Id ?? 0, run?.CompletedAt, outcomes);
        }).ToList());
    }

    /// <summary>
    /// The resources of one check that need attention (Fail, then Error, then Manual) in the latest complete scans,
    /// of one account or all; at most <see cref="MaxResources"/>.
    /// </summary>
    public async Task<IReadOnlyList<ResourceResult>> GetResourcesAsync(string checkId, int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The run ids first (one per account): as a nested subquery PostgreSQL joined them after reading the check's results.
        var runIds = await LatestCompleteRuns(db).Select(r => r.Id).ToListAsync(cancellationToken);
        var query = db.ScanResults.AsNoTracking()
            .Where(r => runIds.Contains(r.ScanRunId) && r.Finding.CheckId == checkId)
            .Where(r => r.Status == ResultStatus.Fail || r.Status == ResultStatus.Error || r.Status == ResultStatus.Manual);
        if (accountId is { } id)
        {
            query = query.Where(r => r.Finding.AccountId == id);
        }

        var rows = await query
            .OrderBy(r => r.Status == ResultStatus.Fail ? 0 : r.Status == ResultStatus.Error ? 1 : 2)
            .ThenBy(r => r.Finding.Account.Name).ThenBy(r => r.Finding.Region).ThenBy(r => r.Finding.ResourceId)
            .Take(MaxResources)
            .Select(r => new ResourceResult(r.FindingId, r.Finding.Account.Name, r.Finding.Region, r.Finding.ResourceId, r.Status, r.Reason))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Each account's latest complete run, as one grouped subquery (not a correlated one per run).</summary>
    private static IQueryable<ScanRun> LatestCompleteRuns(AppDbContext db)
    {
        var latest = db.ScanRuns.Where(r => r.State == ScanRunState.Completed).GroupBy(r => r.AccountId).Select(g => g.Max(r => r.Id));
        return db.ScanRuns.Where(r => latest.Contains(r.Id));
    }
}
