using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Admin;

public sealed record UserRow(
    string Id, string Email, IReadOnlyList<string> Roles, bool MfaEnabled, bool IsDisabled, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

/// <summary>Who performs an administrative action, as written to the audit log.</summary>
public sealed record AdminActor(string Name, string? Id)
{
    public static AdminActor From(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Email) ?? "unknown", user.FindFirstValue(ClaimTypes.NameIdentifier));
}

/// <summary>The users table: every user with their roles, in one query for users and one for role memberships.</summary>
public sealed class UsersQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var memberships = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var rolesByUser = memberships.ToLookup(m => m.UserId, m => m.Name ?? "");
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.UserName, u.TwoFactorEnabled, u.IsDisabled, u.CreatedAt, u.LastSignInAt })
            .ToListAsync(cancellationToken);
        return users
            .Select(u => new UserRow(u.Id, u.Email ?? u.UserName ?? u.Id, Roles.All.Where(r => rolesByUser[u.Id].Contains(r)).ToList(),
                u.TwoFactorEnabled, u.IsDisabled, u.CreatedAt, u.LastSignInAt))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}

/// <summary>
/// The Users page's actions. Each runs in its own service scope, so a long-lived circuit never works on a stale
/// <see cref="UserManager{TUser}"/> or DbContext; all changes go through <see cref="UserAdministration"/> (audited).
/// </summary>
public sealed class UserActions(IServiceScopeFactory scopes)
{
    private static readonly IdentityResult NotFound = IdentityResult.Failed(new IdentityError { Code = "NotFound", Description = "The user no longer exists." });

    public async Task<IdentityResult> CreateAsync(string email, string password, IReadOnlyCollection<string> roles, AdminActor actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, password, roles, actor.Name, actor.Id);
    }

    public Task<IdentityResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, AdminActor actor) =>
        WithUserAsync(userId, (admin, user) => admin.SetRolesAsync(user, roles, actor.Name, actor.Id));

    public Task<IdentityResult> SetDisabledAsync(string userId, bool disabled, AdminActor actor) =>
        WithUserAsync(userId, (admin, user) => admin.SetDisabledAsync(user, disabled, actor.Name, actor.Id));

    public Task<IdentityResult> ResetMfaAsync(string userId, AdminActor actor) =>
        WithUserAsync(userId, (admin, user) => admin.ResetMfaAsync(user, actor.Name, actor.Id));

    public Task<IdentityResult> DeleteAsync(string userId, AdminActor actor) =>
        WithUserAsync(userId, (admin, user) => admin.DeleteAsync(user, actor.Name, actor.Id));

    /// <summary>
    /// Whether the session behind <paramref name="principal"/> is still current: the user exists, is enabled and
    /// has the same security stamp (a role change, disable or sign-out elsewhere changes it). A circuit keeps its
    /// principal until the next revalidation; this closes that window for admin actions.
    /// </summary>
    public async Task<bool> IsSessionCurrentAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        return await RevalidatingAuthStateProvider.IsStillValidAsync(users, options, principal);
    }

    /// <summary>Records an administrative action that was refused.</summary>
    public async Task AuditDeniedAsync(AdminActor actor, string action, string? target)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync("authz.denied", actor.Name, actor.Id, target, succeeded: false,
            details: $"{action} on /admin/users: the session no longer holds the Admin policy");
    }

    private async Task<IdentityResult> WithUserAsync(string userId, Func<UserAdministration, AppUser, Task<IdentityResult>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId);
        return user is null ? NotFound : await action(scope.ServiceProvider.GetRequiredService<UserAdministration>(), user);
    }
}
