using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Account;

/// <summary>The outcome of a single sign-on callback: success, or the message to show.</summary>
public sealed record ExternalLoginResult(bool Succeeded, string? Error)
{
    public static ExternalLoginResult Success { get; } = new(true, null);

    public static ExternalLoginResult Refused(string error) => new(false, error);
}

/// <summary>
/// Completes a single sign-on: reads the identity the provider vouched for (Identity's external cookie), maps its
/// groups to dashboard roles, finds or creates the local user linked to (provider, subject), sets that user's roles
/// to exactly the mapped ones, and signs in with the ordinary application cookie. The session is an ordinary local
/// session (security stamp, revalidation, disable and sign-out work as for password users) plus
/// <see cref="AuthSetup.ExternalLoginClaim"/>, which satisfies MFA-for-admins.
/// </summary>
public sealed class ExternalLoginSignIn(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    UserAdministration administration,
    OidcRoleMapper roleMapper,
    IOptions<OidcOptions> options,
    AuditLog audit,
    TimeProvider clock,
    ILogger<ExternalLoginSignIn> logger)
{
    public const string CallbackPath = "/account/external-login-callback";

    public const string NoRoleMessage = "Your account has no dashboard role; ask an administrator to add you to a mapped group.";
    public const string NotAllowedMessage = "This account cannot sign in to the dashboard: it may be disabled or locked. Ask an administrator.";
    public const string ExpiredMessage = "Single sign-on did not complete or has expired. Start again from the sign-in page.";
    public const string NoEmailMessage = "Your identity provider did not send an email address, which the dashboard needs for a new account. Ask an administrator to release the email claim.";
    public const string EmailTakenMessage = "A dashboard account with your email address already exists and is not linked to single sign-on. Ask an administrator to remove it or change its email, then sign in again.";
    public const string FailedMessage = "Single sign-on failed. Try again, or ask an administrator.";

    private const string Actor = "system (single sign-on)";

    public bool IsEnabled => options.Value.Enabled;

    public string DisplayName => options.Value.DisplayName;

    /// <summary>The challenge properties for a sign-in that comes back to <see cref="CallbackPath"/> and then <paramref name="returnUrl"/>.</summary>
    public AuthenticationProperties ChallengeProperties(string? returnUrl) =>
        signIn.ConfigureExternalAuthenticationProperties(OidcOptions.Scheme, $"{CallbackPath}?returnUrl={Uri.EscapeDataString(SafeRedirect.Local(returnUrl))}");

    public async Task<ExternalLoginResult> CompleteAsync(HttpContext context)
    {
        var info = IsEnabled ? await signIn.GetExternalLoginInfoAsync() : null;
        if (info is null)
        {
            return ExternalLoginResult.Refused(ExpiredMessage);
        }

        try
        {
            return await CompleteAsync(info);
        }
        finally
        {
            // The external cookie only carries the provider's answer to this callback; never keep it.
            await context.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task<ExternalLoginResult> CompleteAsync(ExternalLoginInfo info)
    {
        var claims = info.Principal.Claims.ToList();
        var subject = info.ProviderKey;
        var email = (info.Principal.FindFirstValue("email") ?? info.Principal.FindFirstValue(ClaimTypes.Email))?.Trim();
        var name = info.Principal.FindFirstValue("name");
        var actor = string.IsNullOrEmpty(email) ? $"{info.LoginProvider}:{subject}" : email;
        var roles = roleMapper.Map(claims);
        var user = await users.FindByLoginAsync(info.LoginProvider, subject);

        if (user is not null && !await CanSignInAsync(user))
        {
            await audit.WriteAsync("auth.sign-in-failed", actor, user.Id, target: $"user:{user.Email}", succeeded: false, details: "oidc: account disabled or locked");
            return ExternalLoginResult.Refused(NotAllowedMessage);
        }

        if (roles.Count == 0)
        {
            var groups = OidcRoleMapper.ClaimValues(claims, roleMapper.RoleClaimType);
            if (user is not null)
            {
                // The provider no longer grants any role: take the local ones away too, which also ends open sessions.
                await SyncRolesAsync(user, []);
            }

            await audit.WriteAsync("auth.sign-in-failed", actor, user?.Id, target: $"user:{user?.Email ?? email ?? subject}", succeeded: false,
                details: $"oidc: no mapped role ({roleMapper.RoleClaimType}: {(groups.Count == 0 ? "none" : string.Join(", ", groups.Take(20)))})");
            return ExternalLoginResult.Refused(NoRoleMessage);
        }

        if (user is null)
        {
            var created = await CreateAsync(info, email, name, roles, actor);
            if (created.User is null)
            {
                return ExternalLoginResult.Refused(created.Error!);
            }

            user = created.User;
        }
        else
        {
            await UpdateProfileAsync(user, email, name);
            if (!await SyncRolesAsync(user, roles))
            {
                return ExternalLoginResult.Refused(FailedMessage);
            }
        }

        // An ordinary Identity session (security stamp included), marked as coming from single sign-on.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
        [
            new Claim(AuthSetup.ExternalLoginClaim, "true"),
            new Claim(ClaimTypes.AuthenticationMethod, OidcOptions.Scheme),
        ]);
        await AccountEvents.SignedInAsync(users, audit, clock, user, "oidc");
        return ExternalLoginResult.Success;
    }

    /// <summary>
    /// Sets the user's roles to exactly <paramref name="wanted"/>. The provider is the source of truth for linked
    /// users, so this applies even when it removes the last Admin (the admin UI refuses that; recovery is the
    /// provider's group or the command line). A change gets a new security stamp, which ends open sessions.
    /// </summary>
    private async Task<bool> SyncRolesAsync(AppUser user, IReadOnlyList<string> wanted)
    {
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray();
        var after = wanted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (before.SequenceEqual(after, StringComparer.Ordinal))
        {
            return true;
        }

        await administration.EnsureRolesAsync();
        var result = await users.RemoveFromRolesAsync(user, before.Except(after, StringComparer.Ordinal));
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, after.Except(before, StringComparer.Ordinal));
        }

        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            logger.LogWarning("Single sign-on could not update the roles of {Email}: {Errors}", user.Email, string.Join(" ", result.Errors.Select(e => e.Description)));
            return false;
        }

        await audit.WriteAsync("user.roles-changed", Actor, null, target: $"user:{user.Email}",
            before: new { Roles = before }, after: new { Roles = after }, details: "oidc: roles from the identity provider's claims");
        if (before.Contains(Roles.Admin) && !after.Contains(Roles.Admin)
            && !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(a => !a.IsDisabled))
        {
            logger.LogWarning("Single sign-on removed the Admin role from {Email}: no enabled Admin is left. "
                + "Map an identity provider group to Admin, or add one with: dotnet Dashboard.Web.dll users add --role Admin", user.Email);
        }

        return true;
    }

    private async Task<bool> CanSignInAsync(AppUser user) =>
        await signIn.CanSignInAsync(user) && !(users.SupportsUserLockout && await users.IsLockedOutAsync(user));

    private async Task<(AppUser? User, string? Error)> CreateAsync(ExternalLoginInfo info, string? email, string? name, IReadOnlyList<string> roles, string actor)
    {
        if (string.IsNullOrEmpty(email))
        {
            await audit.WriteAsync("auth.sign-in-failed", actor, null, target: $"{info.LoginProvider}:{info.ProviderKey}", succeeded: false, details: "oidc: no email claim");
            return (null, NoEmailMessage);
        }

        if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
        {
            // Never link by email alone: whoever controls an address at the provider would take over the local account.
            await audit.WriteAsync("auth.sign-in-failed", actor, null, target: $"user:{email}", succeeded: false, details: "oidc: email belongs to an unlinked local account");
            return (null, EmailTakenMessage);
        }

        var created = await administration.CreateAsync(email, password: null, roles, Actor);
        var user = created.Succeeded ? await users.FindByEmailAsync(email) : null;
        if (user is null)
        {
            logger.LogWarning("Single sign-on could not create a user for {Email}: {Errors}", email, string.Join(" ", created.Errors.Select(e => e.Description)));
            await audit.WriteAsync("auth.sign-in-failed", actor, null, target: $"user:{email}", succeeded: false, details: "oidc: could not create the user");
            return (null, FailedMessage);
        }

        var linked = await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName));
        if (!linked.Succeeded)
        {
            await users.DeleteAsync(user);
            logger.LogWarning("Single sign-on could not link {Email}: {Errors}", email, string.Join(" ", linked.Errors.Select(e => e.Description)));
            return (null, FailedMessage);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            user.DisplayName = name;
            await users.UpdateAsync(user);
        }

        await audit.WriteAsync("user.linked", Actor, null, target: $"user:{email}", details: $"{info.LoginProvider} subject {info.ProviderKey}");
        return (user, null);
    }

    /// <summary>Keeps email (which is also the user name) and display name in step with the provider.</summary>
    private async Task UpdateProfileAsync(AppUser user, string? email, string? name)
    {
        var (before, beforeUserName, beforeName) = (user.Email, user.UserName, user.DisplayName);
        var emailChanged = false;
        if (!string.IsNullOrEmpty(email) && !string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            if (await users.FindByEmailAsync(email) is null && await users.FindByNameAsync(email) is null)
            {
                user.Email = email;
                user.UserName = email;
                user.EmailConfirmed = true;
                emailChanged = true;
            }
            else
            {
                logger.LogWarning("Single sign-on: {Email} is used by another dashboard account; {User} keeps its old email", email, user.Email);
            }
        }

        var nameChanged = !string.IsNullOrWhiteSpace(name) && user.DisplayName != name;
        if (nameChanged)
        {
            user.DisplayName = name;
        }

        if (!emailChanged && !nameChanged)
        {
            return;
        }

        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            (user.Email, user.UserName, user.DisplayName) = (before, beforeUserName, beforeName);
            logger.LogWarning("Single sign-on could not update the profile of {User}: {Errors}", before, string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        else if (emailChanged)
        {
            await audit.WriteAsync("user.email-changed", Actor, null, target: $"user:{email}", before: new { Email = before }, after: new { Email = email });
        }
    }
}
