using System.Runtime.CompilerServices;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Admin;

/// <summary>The audit log's filter. Null values mean "any"; dates are whole UTC days, both ends included.</summary>
public sealed record AuditFilter
{
    public string? Action { get; init; }
    public string? Actor { get; init; }
    public string? Target { get; init; }
    public bool? Succeeded { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>Free text searched in the details and in the before/after JSON.</summary>
    public string? Text { get; init; }
}

public sealed record AuditPageRequest(AuditFilter Filter, int Page = 0, int PageSize = AuditQuery.DefaultPageSize);

public sealed record AuditRow(
    long Id, DateTimeOffset At, string Action, string Actor, string? UserId, string? Target, bool Succeeded, string? IpAddress,
    string? Before, string? After, string? Details);

public sealed record AuditResult(IReadOnlyList<AuditRow> Rows, int TotalCount);

/// <summary>Server-side filtering and paging of the audit log, newest first; the export streams the same filter.</summary>
public sealed class AuditQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<AuditResult> GetPageAsync(AuditPageRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.AuditEvents.AsNoTracking(), request.Filter);
        var total = await query.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var rows = await Project(Newest(query))
            .Skip(Math.Max(0, request.Page) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new AuditResult(rows, total);
    }

    /// <summary>The actions that occur in the log, for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    /// <summary>The id of the newest entry (0 when the log is empty): an export stops there, so it is a consistent snapshot.</summary>
    public async Task<long> GetLastIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
    }

    public async Task<int> CountAsync(AuditFilter filter, long upToId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Apply(db.AuditEvents, filter).CountAsync(a => a.Id <= upToId, cancellationToken);
    }

    /// <summary>Every matching entry up to <paramref name="upToId"/>, newest first, read as a stream (not buffered).</summary>
    public async IAsyncEnumerable<AuditRow> StreamAsync(AuditFilter filter, long upToId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.AuditEvents.AsNoTracking(), filter).Where(a => a.Id <= upToId);
        await foreach (var row in Project(Newest(query)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    internal static IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> query, AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var pattern = TextSearch.ContainsPattern(filter.Actor);
            query = query.Where(a => EF.Functions.Like(a.Actor.ToLower(), pattern, TextSearch.Escape));
        }

        if (!string.IsNullOrWhiteSpace(filter.Target))
        {
            var pattern = TextSearch.ContainsPattern(filter.Target);
            query = query.Where(a => a.Target != null && EF.Functions.Like(a.Target.ToLower(), pattern, TextSearch.Escape));
        }

        if (filter.Succeeded is { } succeeded)
        {
            query = query.Where(a => a.Succeeded == succeeded);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = TextSearch.ContainsPattern(filter.Text);
            query = query.Where(a =>
                (a.Details != null && EF.Functions.Like(a.Details.ToLower(), pattern, TextSearch.Escape))
                || (a.Before != null && EF.Functions.Like(a.Before.ToLower(), pattern, TextSearch.Escape))
                || (a.After != null && EF.Functions.Like(a.After.ToLower(), pattern, TextSearch.Escape)));
        }

        return query;
    }

    private static IQueryable<AuditEvent> Newest(IQueryable<AuditEvent> query) => query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private static IQueryable<AuditRow> Project(IQueryable<AuditEvent> query) =>
        query.Select(a => new AuditRow(a.Id, a.At, a.Action, a.Actor, a.UserId, a.Target, a.Succeeded, a.IpAddress, a.Before, a.After, a.Details));
}
