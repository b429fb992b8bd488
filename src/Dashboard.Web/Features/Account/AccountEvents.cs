using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Features.Account;

internal static class AccountEvents
{
    /// <summary>Records a completed sign-in in the audit log and on the user.</summary>
    public static async Task SignedInAsync(UserManager<AppUser> users, AuditLog audit, TimeProvider clock, AppUser user, string method)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await audit.WriteAsync("auth.sign-in", user.Email ?? user.Id, user.Id, target: $"user:{user.Email}", details: method);
    }
}
