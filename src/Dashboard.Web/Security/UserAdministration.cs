using System.ComponentModel.DataAnnotations;
using Dashboard.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>
/// Creating users and changing their roles and status; every change is written to the audit log with the state
/// before and after. Nothing here may leave the dashboard without an enabled Admin.
/// </summary>
public sealed class UserAdministration(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>
    /// Creates the missing roles. Several web nodes starting together (or sign-ins on several nodes) may seed at the
    /// same instant: each role is inserted in a context of its own, and a unique-index refusal means another node
    /// created it first, which is as good. The caller's context is left untouched, so its later saves are unaffected.
    /// </summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            await using var db = await dbFactory.CreateDbContextAsync();
            db.Roles.Add(new IdentityRole(role) { NormalizedName = roles.NormalizeKey(role) });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }
    }

    public Task<bool> AnyUserAsync() => users.Users.AnyAsync();

    /// <summary>Creates a user with a password (null for single sign-on or demo users) and the given roles.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string? password, IReadOnlyCollection<string> roleNames, string actor, string? actorId = null)
    {
        email = (email ?? "").Trim();
        var errors = new List<IdentityError>();
        if (email.Length == 0 || !new EmailAddressAttribute().IsValid(email))
        {
            errors.Add(new IdentityError { Code = "InvalidEmail", Description = $"'{email}' is not an email address." });
        }

        errors.AddRange(CheckRoles(roleNames));
        if (errors.Count > 0)
        {
            return IdentityResult.Failed([.. errors]);
        }

        await EnsureRolesAsync();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }

        result = await users.AddToRolesAsync(user, roleNames.Distinct(StringComparer.Ordinal));
        if (result.Succeeded)
        {
            await audit.WriteAsync("user.created", actor, actorId, target: Target(user),
                after: new { user.Email, Roles = roleNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), user.IsDisabled });
        }

        return result;
    }

    public async Task<IdentityResult> SetRolesAsync(AppUser user, IReadOnlyCollection<string> roleNames, string actor, string? actorId)
    {
        var invalid = CheckRoles(roleNames);
        if (invalid.Count > 0)
        {
            return IdentityResult.Failed([.. invalid]);
        }

        var wanted = roleNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (!wanted.Contains(Roles.Admin) && await IsLastEnabledAdminAsync(user))
        {
            return LastAdmin(user, "remove the Admin role from");
        }

        await EnsureRolesAsync();
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray();
        var remove = await users.RemoveFromRolesAsync(user, before.Except(wanted, StringComparer.Ordinal));
        if (!remove.Succeeded)
        {
            return remove;
        }

        var add = await users.AddToRolesAsync(user, wanted.Except(before, StringComparer.Ordinal));
        if (!add.Succeeded)
        {
            return add;
        }

        // A role change must reach open sessions too: a new stamp makes them revalidate and pick up the new roles.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync("user.roles-changed", actor, actorId, target: Target(user),
            before: new { Roles = before }, after: new { Roles = wanted });
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> SetDisabledAsync(AppUser user, bool disabled, string actor, string? actorId)
    {
        if (disabled && await IsLastEnabledAdminAsync(user))
        {
            return LastAdmin(user, "disable");
        }

        var before = user.IsDisabled;
        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(disabled ? "user.disabled" : "user.enabled", actor, actorId, target: Target(user),
                before: new { IsDisabled = before }, after: new { IsDisabled = disabled });
        }

        return result;
    }

    /// <summary>
    /// Turns two-factor authentication off, replaces the authenticator key and drops the recovery codes (for a user
    /// who lost their device); a new security stamp ends the user's open sessions.
    /// </summary>
    public async Task<IdentityResult> ResetMfaAsync(AppUser user, string actor, string? actorId)
    {
        var before = new
        {
            TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user),
            HasAuthenticatorKey = await users.GetAuthenticatorKeyAsync(user) is not null,
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user),
        };

        var result = await users.SetTwoFactorEnabledAsync(user, false);
        if (result.Succeeded)
        {
            result = await users.ResetAuthenticatorKeyAsync(user);
        }

        if (result.Succeeded)
        {
            // Zero new codes replaces the old ones with none.
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (result.Succeeded)
        {
            await audit.WriteAsync("user.mfa-reset", actor, actorId, target: Target(user),
                before: before, after: new { TwoFactorEnabled = false, HasAuthenticatorKey = false, RecoveryCodesLeft = 0 });
        }

        return result;
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, string actor, string? actorId)
    {
        if (await IsLastEnabledAdminAsync(user))
        {
            return LastAdmin(user, "delete");
        }

        var before = new
        {
            user.Email,
            Roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray(),
            user.IsDisabled,
            user.TwoFactorEnabled,
            user.CreatedAt,
        };
        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            await audit.WriteAsync("user.deleted", actor, actorId, target: Target(user), before: before);
        }

        return result;
    }

    /// <summary>Whether <paramref name="user"/> is an enabled Admin and no other enabled Admin exists.</summary>
    public async Task<bool> IsLastEnabledAdminAsync(AppUser user)
    {
        if (user.IsDisabled || !await users.IsInRoleAsync(user, Roles.Admin))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    private static string Target(AppUser user) => $"user:{user.Email}";

    private static List<IdentityError> CheckRoles(IReadOnlyCollection<string> roleNames)
    {
        var errors = new List<IdentityError>();
        if (roleNames.Count == 0)
        {
            errors.Add(new IdentityError { Code = "NoRole", Description = $"Choose at least one role ({string.Join(", ", Roles.All)})." });
        }

        var unknown = roleNames.Except(Roles.All, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new IdentityError { Code = "UnknownRole", Description = $"Unknown role {string.Join(", ", unknown)}; roles are {string.Join(", ", Roles.All)}." });
        }

        return errors;
    }

    private static IdentityResult LastAdmin(AppUser user, string what) => IdentityResult.Failed(new IdentityError
    {
        Code = "LastAdmin",
        Description = $"Cannot {what} {user.Email}: it is the last enabled Admin. Make another user an Admin first.",
    });
}
