using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>Appends entries to the audit log. Entries are never updated or deleted by the application.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IHttpContextAccessor httpContext)
{
    /// <summary>
    /// Before/after are stored as readable JSON (no \u003C escapes for &lt; or non-ASCII), so the log's free-text
    /// search finds what people type. Values are always shown encoded: as text in pages, formula-safe in exports.
    /// </summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task WriteAsync(
        string action, string actor, string? actorId, string? target = null, bool succeeded = true,
        object? before = null, object? after = null, string? details = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(Entry(action, actor, actorId, target, succeeded, before, after, details));
        await db.SaveChangesAsync();
    }

    /// <summary>An entry for the caller to add to its own context, so the change and its audit commit together.</summary>
    public AuditEvent Entry(
        string action, string actor, string? actorId, string? target = null, bool succeeded = true,
        object? before = null, object? after = null, string? details = null) => new()
    {
        At = clock.GetUtcNow(),
        Action = Clip(action, 100)!,
        Actor = Clip(actor, 256)!,
        UserId = actorId,
        Target = Clip(target, 400),
        Succeeded = succeeded,
        IpAddress = Clip(httpContext.HttpContext?.Connection.RemoteIpAddress?.ToString(), 64),
        Before = before is null ? null : JsonSerializer.Serialize(before, JsonOptions),
        After = after is null ? null : JsonSerializer.Serialize(after, JsonOptions),
        Details = details,
    };

    /// <summary>
    /// Fits a value into its column (AppDbContext's max lengths): PostgreSQL rejects a longer value, and a request
    /// for a very long path must still be audited, not fail.
    /// </summary>
    private static string? Clip(string? value, int maxLength) =>
        value is { Length: var length } && length > maxLength ? value[..(maxLength - 1)] + "…" : value;
}
