using System.Net;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Account;

/// <summary>
/// Password-less sign-in as a demo administrator, so a new user can try the dashboard with one command.
/// Available only while the demo is on, and only to a browser on this machine that did not come through a proxy.
/// </summary>
public sealed class DemoSignIn(
    IOptions<DemoOptions> demo,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    UserAdministration administration,
    AuditLog audit,
    TimeProvider clock)
{
    public const string DemoUserEmail = "demo@localhost";

    public bool IsAvailable(HttpContext context) =>
        demo.Value.Enabled
        && context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
        // A reverse proxy on this machine makes every visitor look local; any forwarding header disqualifies.
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("Forwarded")
        && !context.Request.Headers.ContainsKey("X-Real-IP");

    public async Task<bool> SignInAsync(HttpContext context)
    {
        if (!IsAvailable(context))
        {
            return false;
        }

        var user = await users.FindByEmailAsync(DemoUserEmail);
        if (user is null)
        {
            var created = await administration.CreateAsync(DemoUserEmail, password: null, [Roles.Admin], actor: "system (demo)");
            if (!created.Succeeded)
            {
                return false;
            }

            user = await users.FindByEmailAsync(DemoUserEmail);
        }

        if (user is null || user.IsDisabled)
        {
            return false;
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "demo");
        await AccountEvents.SignedInAsync(users, audit, clock, user, "demo");
        return true;
    }
}
