using Dashboard.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>Creating users and changing their roles and status; every change is written to the audit log.</summary>
public sealed class UserAdministration(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public Task<bool> AnyUserAsync() => users.Users.AnyAsync();

    /// <summary>Creates a user with a password (null for single sign-on or demo users) and the given roles.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string? password, IReadOnlyCollection<string> roleNames, string actor, string? actorId = null)
    {
        var unknown = roleNames.Except(Roles.All, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"Unknown role {string.Join(", ", unknown)}; roles are {string.Join(", ", Roles.All)}." });
        }

        await EnsureRolesAsync();
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }

        result = await users.AddToRolesAsync(user, roleNames);
        if (result.Succeeded)
        {
            await audit.WriteAsync("user.created", actor, actorId, target: $"user:{user.Email}", after: new { user.Email, Roles = roleNames.Order().ToArray() });
        }

        return result;
    }

    public async Task<IdentityResult> SetRolesAsync(AppUser user, IReadOnlyCollection<string> roleNames, string actor, string? actorId)
    {
        if (roleNames.Except(Roles.All, StringComparer.Ordinal).Any())
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = "Unknown role." });
        }

        var before = (await users.GetRolesAsync(user)).Order().ToArray();
        var remove = await users.RemoveFromRolesAsync(user, before.Except(roleNames));
        if (!remove.Succeeded)
        {
            return remove;
        }

        var add = await users.AddToRolesAsync(user, roleNames.Except(before));
        if (!add.Succeeded)
        {
            return add;
        }

        // A role change must reach open sessions too: a new stamp makes them revalidate and pick up the new roles.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync("user.roles-changed", actor, actorId, target: $"user:{user.Email}",
            before: new { Roles = before }, after: new { Roles = roleNames.Order().ToArray() });
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> SetDisabledAsync(AppUser user, bool disabled, string actor, string? actorId)
    {
        var before = user.IsDisabled;
        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(disabled ? "user.disabled" : "user.enabled", actor, actorId, target: $"user:{user.Email}",
                before: new { IsDisabled = before }, after: new { IsDisabled = disabled });
        }

        return result;
    }
}
