using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Findings;

/// <summary>One triage change, for one finding or a selection. Only the members for <see cref="Kind"/> are read.</summary>
public sealed record TriageAction
{
    public TriageActionKind Kind { get; init; }
    public TriageState State { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? Note { get; init; }

    /// <summary>For Risk accepted: why, who approved, and until when (the finding reopens then).</summary>
    public string? Justification { get; init; }
    public string? Approver { get; init; }
    public DateTimeOffset? AcceptedUntil { get; init; }

    public static TriageAction SetState(TriageState state, string? note = null) => new() { Kind = TriageActionKind.State, State = state, Note = note };
}

public enum TriageActionKind
{
    State,
    Assign,
    DueDate,
    Comment,
}

public sealed record TriageOutcome(int Changed, string? Error = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Triage changes: state (with risk acceptance details), assignee, due date and comments, for one finding or a
/// filtered selection. Every change is a FindingEvent (the finding's history) and an audit entry.
/// Callers check the Triage policy first (ActionGuard in components, RequireAuthorization on endpoints).
/// </summary>
public sealed class TriageCommands(IDbContextFactory<AppDbContext> dbFactory, Dashboard.Core.Frameworks.FrameworkCatalog frameworks, TimeProvider clock, Security.AuditLog audit)
{
    /// <summary>Largest selection one bulk action changes; a larger filter must be narrowed first.</summary>
    public const int MaxBulk = 10_000;

    public async Task<bool> SetStateAsync(long findingId, TriageState state, string? note, string actor, string? actorId, CancellationToken cancellationToken) =>
        (await ApplyAsync([findingId], TriageAction.SetState(state, note), actor, actorId, cancellationToken)).Changed > 0;

    public async Task<TriageOutcome> ApplyToFilterAsync(FindingsFilter filter, TriageAction action, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await FindingsQuery.Apply(db, db.Findings.AsNoTracking(), filter, frameworks).OrderBy(f => f.Id).Select(f => f.Id).Take(MaxBulk + 1).ToListAsync(cancellationToken);
        return ids.Count > MaxBulk
            ? new TriageOutcome(0, $"The selection has more than {MaxBulk} findings; narrow the filter.")
            : await ApplyAsync(ids, action, actor, actorId, cancellationToken);
    }

    public async Task<TriageOutcome> ApplyAsync(IReadOnlyCollection<long> findingIds, TriageAction action, string actor, string? actorId, CancellationToken cancellationToken)
    {
        if (Validate(action, clock.GetUtcNow()) is { } error)
        {
            return new TriageOutcome(0, error);
        }

        var now = clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(action.Note) ? null : action.Note.Trim();
        var changedIds = new List<long>();
        string? firstFrom = null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in findingIds.Distinct().Chunk(500))
        {
            var findings = await db.Findings.Where(f => chunk.Contains(f.Id)).ToListAsync(cancellationToken);
            foreach (var finding in findings)
            {
                if (Change(finding, action, note) is not { } change)
                {
                    continue;
                }

                db.FindingEvents.Add(new FindingEvent
                {
                    FindingId = finding.Id, At = now, Actor = actor, UserId = actorId,
                    Kind = change.Kind, From = change.From, To = change.To, Note = change.Note,
                });
                firstFrom ??= change.From;
                changedIds.Add(finding.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (changedIds.Count > 0)
        {
            await audit.WriteAsync($"finding.{AuditVerb(action)}", actor, actorId,
                target: changedIds.Count == 1 ? $"finding:{changedIds[0]}" : $"findings:{changedIds.Count}",
                before: changedIds.Count == 1 && action.Kind != TriageActionKind.Comment ? new Dictionary<string, string?> { [action.Kind.ToString()] = firstFrom } : null,
                after: new
                {
                    Kind = action.Kind.ToString(),
                    TriageState = action.Kind == TriageActionKind.State ? action.State.ToString() : null,
                    action.Assignee, action.DueAt, Note = note, action.Justification, action.Approver, action.AcceptedUntil,
                },
                details: changedIds.Count == 1 ? null : "findings " + string.Join(',', changedIds.Take(200)) + (changedIds.Count > 200 ? ",…" : ""));
        }

        return new TriageOutcome(changedIds.Count);
    }

    public async Task<IReadOnlyList<FindingEvent>> HistoryAsync(long findingId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FindingEvents.AsNoTracking().Where(e => e.FindingId == findingId).OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
    }

    private static string? Validate(TriageAction action, DateTimeOffset now) => action.Kind switch
    {
        TriageActionKind.State when !Enum.IsDefined(action.State) => "Unknown triage state.",
        TriageActionKind.State when action.State == TriageState.RiskAccepted && string.IsNullOrWhiteSpace(action.Justification) =>
            "Accepting a risk needs a justification.",
        TriageActionKind.State when action.State == TriageState.RiskAccepted && string.IsNullOrWhiteSpace(action.Approver) =>
            "Accepting a risk needs the approver's name.",
        TriageActionKind.State when action.State == TriageState.RiskAccepted && (action.AcceptedUntil is not { } until || until <= now) =>
            "Accepting a risk needs an expiry date in the future.",
        TriageActionKind.Comment when string.IsNullOrWhiteSpace(action.Note) => "A comment needs text.",
        TriageActionKind.Assign when action.Assignee is { Length: > 256 } => "The assignee is too long.",
        _ when action.Note is { Length: > 4000 } => "The note is too long.",
        _ when !Enum.IsDefined(action.Kind) => "Unknown action.",
        _ => null,
    };

    private static (string Kind, string? From, string? To, string? Note)? Change(Finding finding, TriageAction action, string? note)
    {
        switch (action.Kind)
        {
            case TriageActionKind.State:
                if (finding.TriageState == action.State && action.State != TriageState.RiskAccepted)
                {
                    return null;
                }

                var from = finding.TriageState.ToString();
                finding.TriageState = action.State;
                if (action.State == TriageState.RiskAccepted)
                {
                    finding.RiskJustification = action.Justification!.Trim();
                    finding.RiskApprover = action.Approver!.Trim();
                    finding.RiskAcceptedUntil = action.AcceptedUntil;
                    var details = $"justification: {finding.RiskJustification}; approved by {finding.RiskApprover}; until {action.AcceptedUntil:yyyy-MM-dd}";
                    return (FindingEventKinds.Triage, from, action.State.ToString(), note is null ? details : $"{note} ({details})");
                }

                finding.RiskAcceptedUntil = null;
                return (FindingEventKinds.Triage, from, action.State.ToString(), note);
            case TriageActionKind.Assign:
                var assignee = string.IsNullOrWhiteSpace(action.Assignee) ? null : action.Assignee.Trim();
                if (assignee == finding.Assignee)
                {
                    return null;
                }

                var before = finding.Assignee;
                finding.Assignee = assignee;
                return (FindingEventKinds.Assignee, before, assignee, note);
            case TriageActionKind.DueDate:
                if (action.DueAt == finding.DueAt)
                {
                    return null;
                }

                var previous = finding.DueAt;
                finding.DueAt = action.DueAt;
                return (FindingEventKinds.DueDate, previous?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    action.DueAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), note);
            default:
                return (FindingEventKinds.Comment, null, null, note);
        }
    }

    private static string AuditVerb(TriageAction action) => action.Kind switch
    {
        TriageActionKind.State => "triage-changed",
        TriageActionKind.Assign => "assigned",
        TriageActionKind.DueDate => "due-changed",
        _ => "commented",
    };
}
