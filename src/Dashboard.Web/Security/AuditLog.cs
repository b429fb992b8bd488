using System.Text.Json;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>Appends entries to the audit log. Entries are never updated or deleted by the application.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IHttpContextAccessor httpContext)
{
    public async Task WriteAsync(
        string action, string actor, string? actorId, string? target = null, bool succeeded = true,
        object? before = null, object? after = null, string? details = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Action = action,
            Actor = actor,
            UserId = actorId,
            Target = target,
            Succeeded = succeeded,
            IpAddress = httpContext.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
            Details = details,
        });
        await db.SaveChangesAsync();
    }
}
