using Bunit;
using Bunit.TestDoubles;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Support;

/// <summary>bUnit over the real app: MudBlazor, loose JS interop, the app's services, and bUnit's signed-in user.</summary>
public static class BunitApp
{
    /// <summary>
    /// Services the test does not set come from <paramref name="app"/>. ActionGuard is built here so that it sees bUnit's
    /// user and policies; its audit log is the app's. Returns the authorization context to sign a user in with.
    /// </summary>
    public static BunitAuthorizationContext UseApp(this BunitContext context, IServiceProvider app)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddScoped(sp => new ActionGuard(
            sp.GetRequiredService<AuthenticationStateProvider>(), sp.GetRequiredService<IAuthorizationService>(), app.GetRequiredService<AuditLog>()));
        context.Services.AddFallbackServiceProvider(app);
        return context.AddAuthorization();
    }
}
