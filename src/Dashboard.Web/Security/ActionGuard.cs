using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// Server-side check for component actions. A circuit lives for hours and roles can change meanwhile, so every
/// handler that changes something asks again instead of trusting that the button was visible. Denials are audited.
/// </summary>
public sealed class ActionGuard(AuthenticationStateProvider authState, IAuthorizationService authorization, AuditLog audit)
{
    public sealed record Actor(ClaimsPrincipal User, string Name, string? Id);

    /// <summary>The current user when <paramref name="policy"/> allows them, otherwise null (and an audit entry).</summary>
    public async Task<Actor?> AuthorizeAsync(string policy, string action)
    {
        var user = (await authState.GetAuthenticationStateAsync()).User;
        var name = user.Identity?.Name ?? "anonymous";
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return new Actor(user, name, id);
        }

        await audit.WriteAsync("authz.denied", name, id, succeeded: false, details: $"{action} needs policy {policy}");
        return null;
    }
}
