using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Data;

/// <summary>A person who signs in to the dashboard (local password + TOTP, or single sign-on).</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>A disabled user cannot sign in, and loses open sessions at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>One entry of the audit log: who did what, when, from where, with the state before and after.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The acting user's id, or null for the system (scheduled jobs, start-up).</summary>
    public string? UserId { get; set; }

    /// <summary>The acting user's name as it was at the time (users can be renamed or deleted).</summary>
    public required string Actor { get; set; }

    /// <summary>Dotted action name, e.g. auth.sign-in, auth.sign-in-failed, user.roles-changed, token.created.</summary>
    public required string Action { get; set; }

    /// <summary>What the action was about, e.g. "user:alice@example.com" or "account:123456789012".</summary>
    public string? Target { get; set; }

    public bool Succeeded { get; set; } = true;
    public string? IpAddress { get; set; }

    /// <summary>JSON of the changed fields before and after; null where not applicable.</summary>
    public string? Before { get; set; }

    public string? After { get; set; }
    public string? Details { get; set; }
}

/// <summary>A personal API token. Only a SHA-256 hash of its secret is stored; the token is shown once.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public required string Name { get; set; }

    /// <summary>The public part of the token (dsh_ + id), to find it without scanning every hash.</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
