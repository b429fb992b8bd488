using Dashboard.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Security;

/// <summary>
/// Identity asks this before every sign-in (password, two-factor, external). Answering "not confirmed" for a
/// disabled user makes every sign-in path refuse them with one rule.
/// </summary>
internal sealed class DisabledUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
}
