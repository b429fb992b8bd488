using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Findings;

/// <summary>Changes a finding's triage state and records who did it. Callers check the Triage policy.</summary>
public sealed class TriageCommands(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Security.AuditLog audit)
{
    public async Task<bool> SetStateAsync(long findingId, TriageState state, string? note, string actor, string? actorId, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(state))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId, cancellationToken);
        if (finding is null || finding.TriageState == state)
        {
            return false;
        }

        db.FindingEvents.Add(new FindingEvent
        {
            FindingId = findingId,
            At = clock.GetUtcNow(),
            Actor = actor,
            UserId = actorId,
            Kind = "triage",
            From = finding.TriageState.ToString(),
            To = state.ToString(),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });
        var before = finding.TriageState;
        finding.TriageState = state;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync("finding.triage-changed", actor, actorId, target: $"finding:{findingId}",
            before: new { TriageState = before.ToString() }, after: new { TriageState = state.ToString(), Note = note });
        return true;
    }

    public async Task<IReadOnlyList<FindingEvent>> HistoryAsync(long findingId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FindingEvents.AsNoTracking().Where(e => e.FindingId == findingId).OrderByDescending(e => e.Id).Take(100).ToListAsync(cancellationToken);
    }
}
