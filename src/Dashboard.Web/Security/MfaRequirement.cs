using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>Met when MFA is not required for admins, or when the session was signed in with a second factor.</summary>
internal sealed class MfaRequirement : IAuthorizationRequirement;

internal sealed class MfaRequirementHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<MfaRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MfaRequirement requirement)
    {
        // Identity adds amr=mfa after a TOTP or recovery-code sign-in; single sign-on sessions carry the IdP's amr.
        if (!options.Value.RequireMfaForAdmins || context.User.HasClaim("amr", "mfa") || context.User.HasClaim(Hosting.AuthSetup.ExternalLoginClaim, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
