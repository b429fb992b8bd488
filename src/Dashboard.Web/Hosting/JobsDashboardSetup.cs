using Dashboard.Web.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The Hangfire dashboard at /jobs, for admins only.
/// </summary>
/// <remarks>
/// Access is decided by the <see cref="Policies.Admin"/> authorization policy on the endpoint, never by Hangfire's
/// default "local requests only" filter: behind a reverse proxy on the same machine every request looks local.
/// The same policy is evaluated again inside the dashboard, so it holds even if the endpoint metadata were lost.
/// Hangfire validates the antiforgery token on its POST actions (retry, delete, polling) itself.
/// </remarks>
public static class JobsDashboardSetup
{
    public const string Path = "/jobs";

    public const string Title = "Posture Dashboard jobs";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        var options = new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = Title,
            DisplayStorageConnectionString = false,
            // Replaces the default LocalRequestsOnlyAuthorizationFilter; an empty list would allow everyone the
            // endpoint lets through, so the policy is checked here as well.
            Authorization = [],
            AsyncAuthorization = [new PolicyDashboardAuthorizationFilter(Policies.Admin)],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin),
            IgnoreAntiforgeryToken = false,
        };

        app.MapHangfireDashboard(Path, options)
            .RequireAuthorization(Policies.Admin)
            .Add(endpoint =>
            {
                // Hangfire answers a missing antiforgery token or a denied request with an empty 403; keep it as
                // is instead of re-running the request (a POST) through the app's "not found" page.
                var inner = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                    {
                        statusCodePages.Enabled = false;
                    }

                    return inner(context);
                };
            });
        return app;
    }

    private sealed class PolicyDashboardAuthorizationFilter(string policy) : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var httpContext = context.GetHttpContext();
            var authorization = httpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            return (await authorization.AuthorizeAsync(httpContext.User, policy)).Succeeded;
        }
    }
}
