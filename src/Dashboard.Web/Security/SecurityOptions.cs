using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Admins must have signed in with a second factor (TOTP or single sign-on) to use admin functions.</summary>
    public bool RequireMfaForAdmins { get; set; }

    /// <summary>Minimum password length. Current guidance: length, no composition rules.</summary>
    [Range(8, 128)]
    public int PasswordMinimumLength { get; set; } = 12;

    /// <summary>Failed sign-ins before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    [Range(3, 100)]
    public int LockoutFailures { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a browser session lasts without activity (sliding).</summary>
    [Range(5, 43200)]
    public int SessionMinutes { get; set; } = 480;

    /// <summary>
    /// How often an open session (cookie and live Blazor circuit) is checked against the database, so a disabled
    /// user or a signed-out session stops working within this many seconds.
    /// </summary>
    [Range(1, 3600)]
    public int RevalidationSeconds { get; set; } = 60;

    /// <summary>Sign-in form posts allowed per client address per minute (on top of per-account lockout).</summary>
    [Range(1, 10000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;
}
