using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Findings;

/// <summary>The explorer's filter. Empty lists and null values mean "any".</summary>
public sealed record FindingsFilter
{
    public string? Text { get; init; }
    public IReadOnlyCollection<Severity> Severities { get; init; } = [];
    public IReadOnlyCollection<ResultStatus> Statuses { get; init; } = [];
    public string? CheckId { get; init; }
    public int? AccountId { get; init; }
    public string? Region { get; init; }
    public string? Service { get; init; }
    public IReadOnlyCollection<TriageState> TriageStates { get; init; } = [];

    /// <summary>Framework id; with <see cref="RequirementId"/> narrows to that requirement's checks.</summary>
    public string? FrameworkId { get; init; }

    public string? RequirementId { get; init; }

    /// <summary>An assignee, or <see cref="Unassigned"/>.</summary>
    public string? Assignee { get; init; }

    public MutedFilter Muted { get; init; }

    /// <summary>First seen on or after this day (UTC).</summary>
    public DateOnly? FirstSeenFrom { get; init; }

    /// <summary>First seen on or before this day (UTC).</summary>
    public DateOnly? FirstSeenTo { get; init; }

    public const string Unassigned = "none";
}

/// <summary>Muted findings are hidden by default, and reachable with Only or Include.</summary>
public enum MutedFilter
{
    Hide = 0,
    Only = 1,
    Include = 2,
}

public enum FindingsSort
{
    Severity,
    Status,
    Check,
    Resource,
    Region,
    Account,
    LastSeen,
    FirstSeen,
    Triage,
    Assignee,
    Due,
}

public sealed record FindingsPageRequest(FindingsFilter Filter, FindingsSort SortBy = FindingsSort.Severity, bool Descending = true, int Page = 0, int PageSize = 25);

public sealed record FindingRow(
    long Id, string AccountName, string AwsAccountId, string CheckId, string CheckTitle, string Service, Severity Severity,
    ResultStatus Status, string Region, string ResourceId, string Reason, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    string? ResourceArn = null, TriageState TriageState = TriageState.Open, FindingLifecycle Lifecycle = FindingLifecycle.None,
    string? Assignee = null, DateTimeOffset? DueAt = null, bool Muted = false);

/// <param name="MutedCount">How many findings the same filter matches among muted ones when muted findings are hidden.</param>
public sealed record FindingsResult(IReadOnlyList<FindingRow> Rows, int TotalCount, int MutedCount = 0);

public sealed record FilterChoices(
    IReadOnlyList<(int Id, string Label)> Accounts, IReadOnlyList<string> Regions, IReadOnlyList<(string Id, string Title)> Checks,
    IReadOnlyList<string>? Services = null, IReadOnlyList<string>? Assignees = null, IReadOnlyList<Framework>? Frameworks = null);

public sealed record FindingDetail(Finding Finding, CloudAccount Account, IReadOnlyList<FindingHistoryEntry> History);

public sealed record FindingHistoryEntry(long ScanRunId, DateTimeOffset? ScannedAt, ResultStatus Status, string Reason);

/// <summary>Server-side filtering, sorting and paging of findings; every page of the explorer is one SQL query plus a count.</summary>
public sealed class FindingsQuery(IDbContextFactory<AppDbContext> dbFactory, FrameworkCatalog frameworks)
{
    public const int MaxPageSize = 200;

    public async Task<FindingsResult> GetPageAsync(FindingsPageRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.Findings.AsNoTracking(), request.Filter, frameworks);
        var total = await query.CountAsync(cancellationToken);
        var muted = request.Filter.Muted == MutedFilter.Hide
            ? await Apply(db.Findings.AsNoTracking(), request.Filter with { Muted = MutedFilter.Only }, frameworks).CountAsync(cancellationToken)
            : 0;
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var rows = await ToRows(Sort(query, request.SortBy, request.Descending)
            .Skip(Math.Max(0, request.Page) * pageSize)
            .Take(pageSize))
            .ToListAsync(cancellationToken);
        return new FindingsResult(rows, total, muted);
    }

    /// <summary>Every row the filter matches, in the page's order, streamed (for exports).</summary>
    public async IAsyncEnumerable<FindingRow> GetAllAsync(
        FindingsPageRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = ToRows(Sort(Apply(db.Findings.AsNoTracking(), request.Filter, frameworks), request.SortBy, request.Descending));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static IQueryable<FindingRow> ToRows(IQueryable<Finding> query) =>
        query.Select(f => new FindingRow(f.Id, f.Account.Name, f.Account.AwsAccountId, f.CheckId, f.CheckTitle, f.Service, f.Severity,
            f.Status, f.Region, f.ResourceId, f.Reason, f.FirstSeen, f.LastSeen, f.ResourceArn, f.TriageState, f.Lifecycle, f.Assignee, f.DueAt,
            f.MutedByRuleId != null));

    public async Task<FilterChoices> GetFilterChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.AwsAccountId }).ToListAsync(cancellationToken);
        var regions = await db.Findings.Select(f => f.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);
        var checks = await db.Findings.GroupBy(f => f.CheckId).Select(g => new { Id = g.Key, Title = g.Min(f => f.CheckTitle) })
            .OrderBy(c => c.Title).ToListAsync(cancellationToken);
        var services = await db.Findings.Select(f => f.Service).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        var assignees = await db.Findings.Where(f => f.Assignee != null).Select(f => f.Assignee!).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new FilterChoices(
            accounts.Select(a => (a.Id, $"{a.Name} ({a.AwsAccountId})")).ToList(),
            regions,
            checks.Select(c => (c.Id, c.Title ?? c.Id)).ToList(),
            services.Where(s => s.Length > 0).ToList(),
            assignees,
            frameworks.All);
    }

    public async Task<FindingDetail?> GetDetailAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await db.Findings.AsNoTracking().Include(f => f.Account).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (finding is null)
        {
            return null;
        }

        var history = await (
                from result in db.ScanResults
                join run in db.ScanRuns on result.ScanRunId equals run.Id
                where result.FindingId == id
                orderby run.Id descending
                select new FindingHistoryEntry(run.Id, run.CompletedAt ?? run.StartedAt, result.Status, result.Reason))
            .Take(50)
            .ToListAsync(cancellationToken);
        return new FindingDetail(finding, finding.Account, history);
    }

    internal static IQueryable<Finding> Apply(IQueryable<Finding> query, FindingsFilter filter, FrameworkCatalog frameworks)
    {
        query = filter.Muted switch
        {
            MutedFilter.Only => query.Where(f => f.MutedByRuleId != null),
            MutedFilter.Include => query,
            _ => query.Where(f => f.MutedByRuleId == null),
        };

        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            query = query.Where(f => f.Service == filter.Service);
        }

        if (filter.TriageStates.Count > 0)
        {
            query = query.Where(f => filter.TriageStates.Contains(f.TriageState));
        }

        if (!string.IsNullOrWhiteSpace(filter.FrameworkId))
        {
            var framework = frameworks.Find(filter.FrameworkId);
            var checkIds = (framework?.Requirements ?? [])
                .Where(r => string.IsNullOrWhiteSpace(filter.RequirementId) || string.Equals(r.Id, filter.RequirementId, StringComparison.OrdinalIgnoreCase))
                .SelectMany(r => r.CheckIds)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            query = query.Where(f => checkIds.Contains(f.CheckId));
        }

        if (!string.IsNullOrWhiteSpace(filter.Assignee))
        {
            query = string.Equals(filter.Assignee, FindingsFilter.Unassigned, StringComparison.OrdinalIgnoreCase)
                ? query.Where(f => f.Assignee == null)
                : query.Where(f => f.Assignee == filter.Assignee);
        }

        if (filter.FirstSeenFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(f => f.FirstSeen >= start);
        }

        if (filter.FirstSeenTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(f => f.FirstSeen < end);
        }

        if (filter.Severities.Count > 0)
        {
            query = query.Where(f => filter.Severities.Contains(f.Severity));
        }

        if (filter.Statuses.Count > 0)
        {
            query = query.Where(f => filter.Statuses.Contains(f.Status));
        }

        if (!string.IsNullOrWhiteSpace(filter.CheckId))
        {
            query = query.Where(f => f.CheckId == filter.CheckId);
        }

        if (filter.AccountId is { } accountId)
        {
            query = query.Where(f => f.AccountId == accountId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            query = query.Where(f => f.Region == filter.Region);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = "%" + EscapeLike(filter.Text.Trim()) + "%";
            query = query.Where(f =>
                EF.Functions.Like(f.ResourceId, pattern, "\\")
                || EF.Functions.Like(f.CheckTitle, pattern, "\\")
                || EF.Functions.Like(f.CheckId, pattern, "\\")
                || EF.Functions.Like(f.Reason, pattern, "\\")
                || (f.ResourceArn != null && EF.Functions.Like(f.ResourceArn, pattern, "\\")));
        }

        return query;
    }

    private static IQueryable<Finding> Sort(IQueryable<Finding> query, FindingsSort sort, bool descending)
    {
        IOrderedQueryable<Finding> ordered = sort switch
        {
            FindingsSort.Status => descending ? query.OrderByDescending(f => f.Status) : query.OrderBy(f => f.Status),
            FindingsSort.Check => descending ? query.OrderByDescending(f => f.CheckTitle) : query.OrderBy(f => f.CheckTitle),
            FindingsSort.Resource => descending ? query.OrderByDescending(f => f.ResourceId) : query.OrderBy(f => f.ResourceId),
            FindingsSort.Region => descending ? query.OrderByDescending(f => f.Region) : query.OrderBy(f => f.Region),
            FindingsSort.Account => descending ? query.OrderByDescending(f => f.Account.Name) : query.OrderBy(f => f.Account.Name),
            FindingsSort.LastSeen => descending ? query.OrderByDescending(f => f.LastSeen) : query.OrderBy(f => f.LastSeen),
            FindingsSort.FirstSeen => descending ? query.OrderByDescending(f => f.FirstSeen) : query.OrderBy(f => f.FirstSeen),
            FindingsSort.Triage => descending ? query.OrderByDescending(f => f.TriageState) : query.OrderBy(f => f.TriageState),
            FindingsSort.Assignee => descending ? query.OrderByDescending(f => f.Assignee) : query.OrderBy(f => f.Assignee),
            FindingsSort.Due => descending ? query.OrderByDescending(f => f.DueAt) : query.OrderBy(f => f.DueAt),
            _ => descending ? query.OrderByDescending(f => f.Severity) : query.OrderBy(f => f.Severity),
        };

        // A stable tie-breaker keeps paging deterministic.
        return sort == FindingsSort.Severity
            ? ordered.ThenBy(f => f.CheckTitle).ThenBy(f => f.ResourceId).ThenBy(f => f.Id)
            : ordered.ThenBy(f => f.Id);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
