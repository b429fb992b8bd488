using System.Net;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Account;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Every endpoint that accepts a state-changing method (found in the app's EndpointDataSource, so new forms and
/// endpoints are covered without being listed here) refuses a post without a valid antiforgery token, and nothing
/// changes; GET never changes state.
/// </summary>
public sealed class CsrfTests : IClassFixture<DashboardAppFactory>
{
    private static readonly string[] UnsafeMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>
    /// Endpoints that take unsafe methods but are not cookie-authenticated form posts, with the reason. Anything
    /// else found in the app must reject a post without a token.
    /// </summary>
    private static readonly Dictionary<string, string> NotFormEndpoints = new(StringComparer.Ordinal)
    {
        ["/_blazor"] = "the circuit's SignalR endpoints: a connection needs the negotiated connection token, not a form post",
        ["/healthz"] = "read-only health probe; answers any method and changes nothing",
    };

    private readonly DashboardAppFactory _factory;

    public CsrfTests(DashboardAppFactory factory) => _factory = factory;

    public static TheoryData<string> Tokens => new() { "missing", "invalid", "other-session" };

    [Fact]
    public void Discovery_FindsTheFormsAndEndpoints()
    {
        var paths = StateChangingEndpoints().Select(e => e.RoutePattern.RawText).ToList();
        foreach (var expected in new[] { "/account/login", "/account/login-2fa", "/account/manage/mfa", "/account/manage/password", "/account/logout", "/account/demo-sign-in", "/jobs/{**path}" })
        {
            Assert.Contains(expected, paths);
        }
    }

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task EveryStateChangingEndpoint_WithoutValidToken_IsRejectedAndChangesNothing(string token)
    {
        using var admin = await _factory.CreateClientForRoleAsync(Roles.Admin);
        using var anonymous = _factory.CreateCookieClient();
        var adminToken = await admin.GetAntiforgeryTokenAsync("/account/manage/password");
        var anonymousToken = await anonymous.GetAntiforgeryTokenAsync("/account/login");

        var failures = new List<string>();
        foreach (var endpoint in StateChangingEndpoints())
        {
            var template = endpoint.RoutePattern.RawText!;
            var path = PathFor(template);
            var handler = await FormHandlerAsync(admin, path);
            foreach (var (who, client, otherToken) in new[] { ("admin", admin, anonymousToken), ("anonymous", anonymous, adminToken) })
            {
                var before = await SecurityTestSupport.SnapshotAsync(_factory.Services);
                var sentToken = token switch
                {
                    "missing" => null,
                    "invalid" => "CfDJ8-not-a-token",
                    _ => otherToken, // a real token, but issued to another session
                };
                using var response = await PostFormAsync(client, path, FormFor(handler, sentToken));
                var after = await SecurityTestSupport.SnapshotAsync(_factory.Services);

                var expected = Expected(endpoint, who);
                if (!expected.Contains(response.StatusCode)
                    || (response.StatusCode == HttpStatusCode.Redirect && SecurityTestSupport.PathOf(response.Headers.Location) != "/account/login"))
                {
                    failures.Add($"{who} POST {path} with {token} token: {(int)response.StatusCode} {response.Headers.Location}, expected {string.Join(" or ", expected.Select(s => (int)s))}");
                }

                if (before != after)
                {
                    failures.Add($"{who} POST {path} with {token} token changed state:\n{before}\n---\n{after}");
                }

                if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal)))
                {
                    failures.Add($"{who} POST {path} with {token} token issued or ended a session");
                }

                if (HeaderTests.Problems(response, https: false, cacheable: false).ToList() is { Count: > 0 } headerProblems)
                {
                    failures.Add($"{who} POST {path}: {string.Join("; ", headerProblems)}");
                }
            }
        }

        Assert.True(await SecurityTestSupport.IsSignedInAsync(admin), "the admin session did not survive the forged posts");
        Assert.False(await SecurityTestSupport.IsSignedInAsync(anonymous), "a forged post signed the anonymous client in");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Logout_WithoutToken_KeepsTheSession_WithTokenEndsIt()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Operator);

        using (var forged = await PostFormAsync(client, "/account/logout", []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.True(await SecurityTestSupport.IsSignedInAsync(client));

        var token = await client.GetAntiforgeryTokenAsync("/account/manage/password");
        using (var real = await PostFormAsync(client, "/account/logout", new() { ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        }

        Assert.False(await SecurityTestSupport.IsSignedInAsync(client));
    }

    [Fact]
    public async Task Login_WithoutToken_DoesNotSignIn()
    {
        await _factory.EnsureUserAsync(TestUsers.EmailFor(Roles.Viewer), Roles.Viewer);
        using var client = _factory.CreateCookieClient();
        using var response = await PostFormAsync(client, "/account/login", new()
        {
            ["_handler"] = "login",
            ["Input.Email"] = TestUsers.EmailFor(Roles.Viewer),
            ["Input.Password"] = TestUsers.Password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await SecurityTestSupport.IsSignedInAsync(client));
    }

    [Fact]
    public async Task ChangePassword_WithoutToken_KeepsThePassword()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Analyst);
        using var response = await PostFormAsync(client, "/account/manage/password", new()
        {
            ["_handler"] = "change-password",
            ["Input.Current"] = TestUsers.Password,
            ["Input.New"] = "an entirely different passphrase",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(TestUsers.EmailFor(Roles.Analyst));
        Assert.True(await users.CheckPasswordAsync(user!, TestUsers.Password));
    }

    [Fact]
    public async Task DemoSignIn_WithoutToken_DoesNotSignIn_WithTokenDoes()
    {
        // The demo sign-in only exists for a browser on this machine while the demo is on. The demo's scans are
        // not needed here, so its seeder is left out.
        using var demoFactory = new DashboardAppFactory { Demo = true };
        using var factory = demoFactory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            foreach (var seeder in services.Where(d => d.ImplementationType == typeof(DemoSeederService)).ToList())
            {
                services.Remove(seeder);
            }
            SecurityTestSupport.RemoveJobServer(services);

            services.AddSingleton<IStartupFilter>(new SecurityTestSupport.LoopbackPeerStartupFilter());
        }));
        using var client = SecurityTestSupport.CreateCookieClient(factory);

        var token = await client.GetAntiforgeryTokenAsync("/account/login");
        using (var forged = await PostFormAsync(client, "/account/demo-sign-in", new() { ["returnUrl"] = "/" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.False(await SecurityTestSupport.IsSignedInAsync(client));
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoSignIn.DemoUserEmail));
        }

        using (var real = await PostFormAsync(client, "/account/demo-sign-in", new() { ["returnUrl"] = "/", ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        }

        Assert.True(await SecurityTestSupport.IsSignedInAsync(client));
    }

    [Fact]
    public async Task Get_NeverChangesState()
    {
        using var admin = await _factory.CreateClientForRoleAsync(Roles.Admin);
        using var anonymous = _factory.CreateCookieClient();
        var paths = SecurityTestSupport.PageRouteTemplates().Select(SecurityTestSupport.Expand)
            .Concat(StateChangingEndpoints().Select(e => SecurityTestSupport.Expand(e.RoutePattern.RawText!)))
            .Concat(["/account/logout?returnUrl=/", "/account/demo-sign-in?returnUrl=/", "/jobs", "/jobs/recurring"])
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // Known exception, reported: the two-factor page creates the user's authenticator key on its first visit,
        // which also renews the security stamp. Visit it once so that the comparison below covers every other change.
        (await admin.GetAsync(new Uri("/account/manage/mfa", UriKind.Relative))).Dispose();

        var before = await SecurityTestSupport.SnapshotAsync(_factory.Services);
        foreach (var path in paths)
        {
            (await admin.GetAsync(new Uri(path, UriKind.Relative))).Dispose();
            (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).Dispose();
        }

        Assert.Equal(before, await SecurityTestSupport.SnapshotAsync(_factory.Services));
        Assert.True(await SecurityTestSupport.IsSignedInAsync(admin), "a GET (e.g. /account/logout) ended the session");
    }

    /// <summary>Every discovered endpoint that accepts POST, PUT, PATCH or DELETE (or any method), except <see cref="NotFormEndpoints"/>.</summary>
    private List<RouteEndpoint> StateChangingEndpoints() =>
        SecurityTestSupport.AppEndpoints(_factory.Services)
            .Where(e => SecurityTestSupport.Methods(e) is var methods && (methods.Count == 0 || methods.Any(m => UnsafeMethods.Contains(m, StringComparer.OrdinalIgnoreCase))))
            .Where(e => !NotFormEndpoints.Keys.Any(prefix => e.RoutePattern.RawText!.StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// What a post without a valid token may get: 400 from the antiforgery check (pages and the account
    /// endpoints), 403 from the jobs dashboard's own check, 401/403 from an API endpoint that accepts only API
    /// tokens (a browser's cookies never authenticate it, so a forged cross-site post cannot use them); an
    /// anonymous visitor may instead be sent to sign in (302) or refused (401/403) before the token is looked at.
    /// </summary>
    private static HttpStatusCode[] Expected(RouteEndpoint endpoint, string who)
    {
        if (IsTokenOnly(endpoint))
        {
            return [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden];
        }

        return (endpoint.RoutePattern.RawText!.StartsWith(JobsDashboardSetup.Path + "/", StringComparison.Ordinal), who) switch
        {
            (true, "admin") => [HttpStatusCode.Forbidden],
            (false, "admin") => [HttpStatusCode.BadRequest],
            _ => [HttpStatusCode.BadRequest, HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden],
        };
    }

    /// <summary>Whether the endpoint authenticates only with schemes other than the browser session cookie.</summary>
    private static bool IsTokenOnly(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return false;
        }

        var schemes = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .SelectMany(d => (d.AuthenticationSchemes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        return schemes.Count > 0 && !schemes.Contains(IdentityConstants.ApplicationScheme, StringComparer.Ordinal);
    }

    /// <summary>A concrete path to post to; for the jobs dashboard, one of its real actions.</summary>
    private static string PathFor(string template) =>
        template.StartsWith(JobsDashboardSetup.Path + "/", StringComparison.Ordinal)
            ? JobsDashboardSetup.Path + "/jobs/scheduled/delete"
            : SecurityTestSupport.Expand(template);

    /// <summary>The name of the first form on the page (the "_handler" field Blazor posts), if it is a page with a form.</summary>
    private static async Task<string?> FormHandlerAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"_handler\" value=\"(?<name>[^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["name"].Value) : null;
    }

    /// <summary>A plausible form for the endpoint (the page's form handler, fields of the account forms), and a token if given.</summary>
    private static Dictionary<string, string> FormFor(string? handler, string? token)
    {
        var form = new Dictionary<string, string>
        {
            ["returnUrl"] = "/",
            ["Input.Email"] = TestUsers.EmailFor(Roles.Viewer),
            ["Input.Password"] = TestUsers.Password,
            ["Input.Current"] = TestUsers.Password,
            ["Input.New"] = "an entirely different passphrase",
            ["Input.Code"] = "123456",
            ["jobs[]"] = "1",
        };
        if (handler is not null)
        {
            form["_handler"] = handler;
        }

        if (token is not null)
        {
            form["__RequestVerificationToken"] = token;
        }

        return form;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
