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

/// <param name="TotalCount">How many findings match, counted up to <see cref="FindingsQuery.CountCap"/>.</param>
/// <param name="MutedCount">How many findings the same filter matches among muted ones when muted findings are hidden (also capped).</param>
/// <param name="TotalCapped">More than <paramref name="TotalCount"/> findings match: the count stopped at the cap.</param>
/// <param name="MutedCapped">More than <paramref name="MutedCount"/> muted findings match.</param>
public sealed record FindingsResult(IReadOnlyList<FindingRow> Rows, int TotalCount, int MutedCount = 0, bool TotalCapped = false, bool MutedCapped = false)
{
    /// <summary>The total as the explorer shows it: "1,234", or "10,000+" when the count stopped at the cap.</summary>
    public string TotalText => CountText(TotalCount, TotalCapped);

    public string MutedText => CountText(MutedCount, MutedCapped);

    public static string CountText(int count, bool capped) =>
        count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + (capped ? "+" : "");
}

public sealed record FilterChoices(
    IReadOnlyList<(int Id, string Label)> Accounts, IReadOnlyList<string> Regions, IReadOnlyList<(string Id, string Title)> Checks,
    IReadOnlyList<string>? Services = null, IReadOnlyList<string>? Assignees = null, IReadOnlyList<Framework>? Frameworks = null);

public sealed record FindingDetail(Finding Finding, CloudAccount Account, IReadOnlyList<FindingHistoryEntry> History);

public sealed record FindingHistoryEntry(long ScanRunId, DateTimeOffset? ScannedAt, ResultStatus Status, string Reason);

/// <summary>
/// Server-side filtering, sorting and paging of findings; every page of the explorer is one SQL query plus two
/// capped counts. Counts stop at <see cref="CountCap"/> ("10,000+"), so a broad filter over a million findings
/// costs no more than a narrow one (docs/decisions/016).
/// </summary>
public sealed class FindingsQuery(IDbContextFactory<AppDbContext> dbFactory, FrameworkCatalog frameworks)
{
    public const int MaxPageSize = 200;

    /// <summary>Counts stop here; the same number as the largest bulk triage (<see cref="TriageCommands.MaxBulk"/>).</summary>
    public const int DefaultCountCap = TriageCommands.MaxBulk;

    /// <summary>Where counting stops (tests lower it).</summary>
    public int CountCap { get; init; } = DefaultCountCap;

    public async Task<FindingsResult> GetPageAsync(FindingsPageRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        return string.IsNullOrWhiteSpace(request.Filter.Text)
            ? await GetPageAsync(db, request, pageSize, textIndex: true, cancellationToken)
            : await GetSearchPageAsync(db, request, pageSize, cancellationToken);
    }

    private async Task<FindingsResult> GetPageAsync(AppDbContext db, FindingsPageRequest request, int pageSize, bool textIndex, CancellationToken cancellationToken)
    {
        var query = Apply(db, db.Findings.AsNoTracking(), request.Filter, frameworks, textIndex);
        var (total, totalCapped) = await CountAsync(query, cancellationToken);
        var (muted, mutedCapped) = request.Filter.Muted == MutedFilter.Hide
            ? await CountAsync(Apply(db, db.Findings.AsNoTracking(), request.Filter with { Muted = MutedFilter.Only }, frameworks, textIndex), cancellationToken)
            : (0, false);

        // Find the page's ids first, then read their rows: the paging part can run on an index alone, and only
        // the rows shown are read in full, however deep the page is.
        var ids = Sort(query, request.SortBy, request.Descending)
            .Skip(Math.Max(0, request.Page) * pageSize)
            .Take(pageSize)
            .Select(f => f.Id);
        var rows = await ToRows(Sort(db.Findings.AsNoTracking().Where(f => ids.Contains(f.Id)), request.SortBy, request.Descending))
            .ToListAsync(cancellationToken);
        return new FindingsResult(rows, total, muted, totalCapped, mutedCapped);
    }

    /// <summary>How many text matches a search collects before it counts as broad (<see cref="GetSearchPageAsync"/>).</summary>
    private int SearchLimit => 4 * CountCap;

    /// <summary>
    /// A text search reads the rows it matches once, instead of once per count and once for the page: the ids it
    /// matches (muted or not) are collected up to <see cref="SearchLimit"/> and counted here, and a page of up to
    /// <see cref="CountCap"/> matches is sorted from those ids. With more matches, walking the sort order finds a
    /// page quickly because matches are everywhere, so SQLite then leaves its trigram index aside (its candidates
    /// would be a good part of the table); a broad search (over the limit) takes the usual way, also without it.
    /// </summary>
    private async Task<FindingsResult> GetSearchPageAsync(AppDbContext db, FindingsPageRequest request, int pageSize, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite() && TextSearch.TrigramQuery(request.Filter.Text!) is { } trigrams
            && await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM (SELECT rowid FROM \"FindingsSearch\" WHERE \"FindingsSearch\" MATCH {trigrams} LIMIT {SearchLimit + 1})")
                .SingleAsync(cancellationToken) > SearchLimit)
        {
            return await GetPageAsync(db, request, pageSize, textIndex: false, cancellationToken);
        }

        var hits = await Apply(db, db.Findings.AsNoTracking(), request.Filter with { Muted = MutedFilter.Include }, frameworks)
            .Select(f => new { f.Id, Muted = f.MutedByRuleId != null })
            .Take(SearchLimit + 1)
            .ToListAsync(cancellationToken);
        if (hits.Count > SearchLimit)
        {
            return await GetPageAsync(db, request, pageSize, textIndex: false, cancellationToken);
        }

        var shown = hits.Where(h => request.Filter.Muted switch
        {
            MutedFilter.Only => h.Muted,
            MutedFilter.Include => true,
            _ => !h.Muted,
        }).Select(h => h.Id).ToList();
        var muted = request.Filter.Muted == MutedFilter.Hide ? hits.Count(h => h.Muted) : 0;
        var page = shown.Count <= CountCap
            ? Sort(db.Findings.AsNoTracking().Where(f => shown.Contains(f.Id)), request.SortBy, request.Descending)
            : Sort(Apply(db, db.Findings.AsNoTracking(), request.Filter, frameworks, textIndex: false), request.SortBy, request.Descending);
        var rows = await ToRows(page.Skip(Math.Max(0, request.Page) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return new FindingsResult(rows, Math.Min(shown.Count, CountCap), Math.Min(muted, CountCap), shown.Count > CountCap, muted > CountCap);
    }

    private async Task<(int Count, bool Capped)> CountAsync(IQueryable<Finding> query, CancellationToken cancellationToken)
    {
        var count = await query.Take(CountCap + 1).CountAsync(cancellationToken);
        return count > CountCap ? (CountCap, true) : (count, false);
    }

    /// <summary>Every row the filter matches, in the page's order, streamed (for exports).</summary>
    public async IAsyncEnumerable<FindingRow> GetAllAsync(
        FindingsPageRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = ToRows(Sort(Apply(db, db.Findings.AsNoTracking(), request.Filter, frameworks), request.SortBy, request.Descending));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static IQueryable<FindingRow> ToRows(IQueryable<Finding> query) =>
        query.Select(f => new FindingRow(f.Id, f.Account.Name, f.Account.AwsAccountId, f.CheckId, f.CheckTitle, f.Service, f.Severity,
            f.Status, f.Region, f.ResourceId, f.Reason, f.FirstSeen, f.LastSeen, f.ResourceArn, f.TriageState, f.Lifecycle, f.Assignee, f.DueAt,
            f.MutedByRuleId != null));

    /// <summary>
    /// The values the explorer's filters offer: accounts, and the regions, checks, services and assignees findings
    /// have. Each list is read by jumping from one value to the next in an index, so the cost grows with the number
    /// of distinct values, not of findings.
    /// </summary>
    public async Task<FilterChoices> GetFilterChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.AwsAccountId }).ToListAsync(cancellationToken);
        var regions = await DistinctAsync(db, nameof(Finding.Region), cancellationToken);
        var assignees = await DistinctAsync(db, nameof(Finding.Assignee), cancellationToken);

        // A check's title and service are the same on all its findings: one row per check gives them.
#pragma warning disable EF1003 // The SQL is built from our own column names (nameof), never from input.
        var checks = await db.Database.SqlQueryRaw<CheckChoice>(Distinct(nameof(Finding.CheckId)) + """
             SELECT v."Value" AS "Id",
                 (SELECT f."CheckTitle" FROM "Findings" AS f WHERE f."CheckId" = v."Value" LIMIT 1) AS "Title",
                 (SELECT f."Service" FROM "Findings" AS f WHERE f."CheckId" = v."Value" LIMIT 1) AS "Service"
             FROM v WHERE v."Value" IS NOT NULL
            """).ToListAsync(cancellationToken);
#pragma warning restore EF1003
        return new FilterChoices(
            accounts.Select(a => (a.Id, $"{a.Name} ({a.AwsAccountId})")).ToList(),
            regions,
            checks.OrderBy(c => c.Title, StringComparer.OrdinalIgnoreCase).Select(c => (c.Id, c.Title ?? c.Id)).ToList(),
            checks.Select(c => c.Service).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()!,
            assignees,
            frameworks.All);
    }

    private sealed class CheckChoice
    {
        public required string Id { get; init; }
        public string? Title { get; init; }
        public string? Service { get; init; }
    }

    /// <summary>The distinct non-null values of an indexed column of Findings, in order.</summary>
    private static Task<List<string>> DistinctAsync(AppDbContext db, string column, CancellationToken cancellationToken) =>
#pragma warning disable EF1003 // The column is one of ours (nameof), never input.
        db.Database.SqlQueryRaw<string>(Distinct(column) + """
             SELECT v."Value" FROM v WHERE v."Value" IS NOT NULL ORDER BY v."Value"
            """).ToListAsync(cancellationToken);
#pragma warning restore EF1003

    /// <summary>
    /// A recursive "loose index scan" (both providers take it as is): the smallest value, then each time the
    /// smallest one above the last, one index seek per distinct value. <paramref name="column"/> is one of ours, never input.
    /// </summary>
    private static string Distinct(string column) => $"""
        WITH RECURSIVE v("Value") AS (
            SELECT MIN("{column}") FROM "Findings"
            UNION ALL
            SELECT (SELECT MIN(f."{column}") FROM "Findings" AS f WHERE f."{column}" > v."Value") FROM v WHERE v."Value" IS NOT NULL
        )
        """;

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

    /// <param name="textIndex">Whether SQLite narrows a text search with its trigram index first (see <see cref="GetSearchPageAsync"/>).</param>
    internal static IQueryable<Finding> Apply(AppDbContext db, IQueryable<Finding> query, FindingsFilter filter, FrameworkCatalog frameworks, bool textIndex = true)
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

        // One value is sent as "= value", not "= ANY(array)": PostgreSQL takes only the first as an equality, which
        // lets it walk an index in the page's order (the same for severity and status below).
        if (filter.TriageStates.Count == 1)
        {
            var state = filter.TriageStates.First();
            query = query.Where(f => f.TriageState == state);
        }
        else if (filter.TriageStates.Count > 1)
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

        if (filter.Severities.Count == 1)
        {
            var severity = filter.Severities.First();
            query = query.Where(f => f.Severity == severity);
        }
        else if (filter.Severities.Count > 1)
        {
            query = query.Where(f => filter.Severities.Contains(f.Severity));
        }

        if (filter.Statuses.Count == 1)
        {
            var status = filter.Statuses.First();
            query = query.Where(f => f.Status == status);
        }
        else if (filter.Statuses.Count > 1)
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
            if (textIndex && db.Database.IsSqlite() && TextSearch.TrigramQuery(filter.Text) is { } trigrams)
            {
                // SQLite: candidates from the trigram index (Data/TextSearch.cs); the LIKE below decides. PostgreSQL
                // answers the LIKE itself from its trigram indexes.
                var candidates = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"FindingsSearch\" WHERE \"FindingsSearch\" MATCH {trigrams}");
                query = query.Where(f => candidates.Contains(f.Id));
            }

            var pattern = TextSearch.ContainsPattern(filter.Text);
            query = query.Where(f =>
                EF.Functions.Like(f.ResourceId.ToLower(), pattern, TextSearch.Escape)
                || EF.Functions.Like(f.CheckTitle.ToLower(), pattern, TextSearch.Escape)
                || EF.Functions.Like(f.CheckId.ToLower(), pattern, TextSearch.Escape)
                || EF.Functions.Like(f.Reason.ToLower(), pattern, TextSearch.Escape)
                || (f.ResourceArn != null && EF.Functions.Like(f.ResourceArn.ToLower(), pattern, TextSearch.Escape)));
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

        // A stable tie-breaker keeps paging deterministic. It runs in the sort's direction so that an index on
        // (column, Id) read forwards or backwards gives the whole order and the page stops early.
        return sort == FindingsSort.Severity
            ? ordered.ThenBy(f => f.CheckTitle).ThenBy(f => f.ResourceId).ThenBy(f => f.Id)
            : descending ? ordered.ThenByDescending(f => f.Id) : ordered.ThenBy(f => f.Id);
    }
}
