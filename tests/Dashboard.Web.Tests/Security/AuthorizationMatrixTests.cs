using System.Net;
using System.Reflection;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Every page route and endpoint of the app, discovered (component routes by reflection, endpoints from the
/// routing table), checked against anonymous and each role. A route that is not in <see cref="Matrix"/> fails the
/// test, so a new page cannot ship without a decision about who may open it.
/// </summary>
public class AuthorizationMatrixTests : IClassFixture<DashboardAppFactory>
{
    /// <summary>Who may use a route.</summary>
    public enum Access
    {
        /// <summary>Everyone, signed in or not (sign-in pages, health, error pages).</summary>
        Public,

        /// <summary>Any signed-in user with a role.</summary>
        View,
        Triage,
        Operate,
        Admin,

        /// <summary>Only with a personal API token of a user whose role passes the policy; never with the session cookie.</summary>
        TokenOperate,
    }

    private static readonly string?[] Principals = [null, Roles.Viewer, Roles.Analyst, Roles.Operator, Roles.Admin];

    /// <summary>"METHOD template" → access. Templates are as routing reports them.</summary>
    public static readonly IReadOnlyDictionary<string, Access> Matrix = new Dictionary<string, Access>(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /"] = Access.View,
        ["GET /findings"] = Access.View,
        ["GET /findings/{Id:long}"] = Access.View,
        ["GET /accounts"] = Access.View,
        ["GET /scans"] = Access.View,
        ["GET /compliance"] = Access.View,
        ["GET /checks"] = Access.View,
        ["GET /findings/export.csv"] = Access.View,
        ["GET /findings/export.xlsx"] = Access.View,
        ["GET /findings/export.json"] = Access.View,
        ["GET /changes"] = Access.View,
        ["GET /mute-rules"] = Access.View,
        ["GET /account/tokens"] = Access.View,
        ["GET /account/manage/mfa"] = Access.View,
        ["GET /account/manage/password"] = Access.View,
        ["GET /account/login"] = Access.Public,
        ["GET /account/login-2fa"] = Access.Public,
        ["GET /account/login-recovery"] = Access.Public,
        ["GET /account/lockout"] = Access.Public,
        ["GET /account/access-denied"] = Access.Public,
        ["GET /not-found"] = Access.Public,
        ["GET /error"] = Access.Public,
        ["GET /healthz"] = Access.Public,
        ["GET /api/findings"] = Access.View,
        ["POST /api/accounts/{accountId:int}/scans"] = Access.TokenOperate,
        ["POST /account/logout"] = Access.View,
        ["POST /account/demo-sign-in"] = Access.Public,
        ["GET /admin/users"] = Access.Admin,
        ["GET /admin/audit"] = Access.Admin,
        ["GET /admin/notifications"] = Access.Admin,
        ["GET /admin/audit/export.csv"] = Access.Admin,
        ["GET /admin/audit/export.json"] = Access.Admin,
        ["POST /account/sso"] = Access.Public,
        ["GET /account/external-login-callback"] = Access.Public,
        ["GET /jobs/{**path}"] = Access.Admin,

        // Framework endpoints: the Blazor circuit's transport is for signed-in users (the fallback policy);
        // static files are public (they hold no data).
        ["GET /_blazor"] = Access.View,
        ["GET /_blazor/disconnect/"] = Access.View,
        ["GET /_blazor/initializers/"] = Access.View,
        ["GET /_blazor/negotiate"] = Access.View,
        ["GET /_framework/opaque-redirect"] = Access.View,
        ["GET /{**path:file}"] = Access.Public,
        ["HEAD /{**path:file}"] = Access.Public,
    };

    private readonly DashboardAppFactory _factory;
    private readonly ITestOutputHelper _output;

    public AuthorizationMatrixTests(DashboardAppFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
    }

    /// <summary>Every (method, route template) the app serves, except static files.</summary>
    public static IReadOnlyList<string> DiscoverRoutes(IServiceProvider services)
    {
        var componentRoutes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => "GET " + r.Template);

        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null) // component pages are listed above
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText?.TrimStart('/')}"));

        return componentRoutes.Concat(endpoints).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private static bool IsStaticAsset(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText ?? "";
        return endpoint.DisplayName?.Contains("StaticAsset", StringComparison.OrdinalIgnoreCase) == true
            || pattern.StartsWith("_framework", StringComparison.Ordinal)
            || pattern.StartsWith("_content", StringComparison.Ordinal)
            || pattern.StartsWith("_blazor", StringComparison.Ordinal)
            || Path.HasExtension(pattern.Split('/')[^1]) && !pattern.Contains("export", StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRoute_IsInTheMatrix()
    {
        var routes = DiscoverRoutes(_factory.Services);
        var missing = routes.Where(r => !Matrix.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "routes without an access decision in AuthorizationMatrixTests.Matrix:\n" + string.Join("\n", missing));
        var stale = Matrix.Keys.Where(k => !routes.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(stale.Count == 0, "matrix entries for routes that no longer exist:\n" + string.Join("\n", stale));
    }

    public static bool Allows(Access access, string? role) => access switch
    {
        Access.Public => true,
        Access.View => role is not null,
        Access.Triage => role is Roles.Analyst or Roles.Admin,
        Access.Operate or Access.TokenOperate => role is Roles.Operator or Roles.Admin,
        Access.Admin => role is Roles.Admin,
        _ => false,
    };

    [Fact]
    public async Task EveryGetRoute_AnswersAsTheMatrixSays()
    {
        var routes = DiscoverRoutes(_factory.Services).Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();
        var checkedCells = 0;
        foreach (var role in Principals)
        {
            using var client = role is null ? _factory.CreateCookieClient() : await _factory.CreateClientForRoleAsync(role);
            foreach (var route in routes)
            {
                var access = Matrix.GetValueOrDefault(route, Access.Admin);
                var path = SamplePath(route["GET ".Length..]);
                var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var allowed = IsAllowed(response);
                checkedCells++;
                if (allowed != Allows(access, role))
                {
                    failures.Add($"{route} as {role ?? "anonymous"}: expected {(Allows(access, role) ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        _output.WriteLine($"checked {checkedCells} cells ({routes.Count} GET routes x {Principals.Length} principals)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TokenOnlyRoutes_RefuseEverySessionAndFollowTheTokensRole()
    {
        var routes = Matrix.Where(kv => kv.Value == Access.TokenOperate).Select(kv => kv.Key).ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
            foreach (var role in Principals.OfType<string>())
            {
                using var session = await _factory.CreateClientForRoleAsync(role);
                var bySession = await session.SendAsync(new HttpRequestMessage(new HttpMethod(method), SamplePath(template)));
                Assert.True(bySession.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{route} with a {role} session cookie gave {(int)bySession.StatusCode}");

                using var token = await TokenClientAsync(role);
                var byToken = await token.SendAsync(new HttpRequestMessage(new HttpMethod(method), SamplePath(template)));
                var allowed = byToken.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                Assert.True(allowed == Allows(Access.TokenOperate, role), $"{route} with a {role} token gave {(int)byToken.StatusCode}");
            }
        }
    }

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        var email = TestUsers.EmailFor(role);
        await _factory.EnsureUserAsync(email, role);
        using var scope = _factory.Services.CreateScope();
        var user = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.AppUser>>().FindByEmailAsync(email))!;
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user, "matrix", 1);
        var client = _factory.CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>Allowed: anything but a challenge (redirect to sign-in, 401) or a denial (redirect to access denied, 403).</summary>
    private static bool IsAllowed(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return false;
        }

        var location = response.Headers.Location?.OriginalString ?? "";
        return !(response.StatusCode == HttpStatusCode.Redirect
            && (location.Contains("/account/login", StringComparison.Ordinal) || location.Contains("/account/access-denied", StringComparison.Ordinal)));
    }

    /// <summary>Fills route parameters with sample values: {Id:long} → 1, a file catch-all → a real static file, {**path} → empty.</summary>
    private static string SamplePath(string template)
    {
        template = template.Replace("{**path:file}", "favicon.svg", StringComparison.Ordinal);
        var withoutCatchAll = System.Text.RegularExpressions.Regex.Replace(template, @"\{\*\*[^}]+\}", "");
        return System.Text.RegularExpressions.Regex.Replace(withoutCatchAll, @"\{[^}]+\}", "1");
    }
}
