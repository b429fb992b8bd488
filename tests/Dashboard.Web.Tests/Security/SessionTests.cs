using System.Net;
using Dashboard.Tests.Shared;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Security;

/// <summary>Revocation, sign-out, lockout, throttling and two-factor sign-in, through real HTTP requests.</summary>
public class SessionTests : IDisposable
{
    private readonly DashboardAppFactory _factory = new();

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task<HttpStatusCode> StatusOfHomeAsync(HttpClient client) => (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode;

    private async Task<AppUser> UserAsync(string email)
    {
        using var scope = _factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task DisabledUser_LosesOpenSessionAtNextRevalidation()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, await StatusOfHomeAsync(client));

        using (var scope = _factory.Services.CreateScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(TestUsers.EmailFor(Roles.Viewer)))!;
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(user, true, "test", null);
        }

        _factory.Clock.Now = _factory.Clock.Now.AddSeconds(61); // past Security:RevalidationSeconds
        Assert.Equal(HttpStatusCode.Redirect, await StatusOfHomeAsync(client));
    }

    [Fact]
    public async Task DisabledUser_LiveCircuitValidationFails()
    {
        await _factory.EnsureUserAsync("circuit@test.local", Roles.Viewer);
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var user = (await users.FindByEmailAsync("circuit@test.local"))!;
        var principal = await signIn.CreateUserPrincipalAsync(user);

        Assert.True(await RevalidatingAuthStateProvider.IsStillValidAsync(users, options, principal));
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(user, true, "test", null);
        Assert.False(await RevalidatingAuthStateProvider.IsStillValidAsync(users, options, principal));
    }

    [Fact]
    public async Task RoleChange_ReachesOpenSessions()
    {
        // Not an Admin: demoting the last enabled Admin is refused (UserAdministration keeps one).
        await _factory.EnsureUserAsync("mover@test.local", Roles.Analyst);
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = (await users.FindByEmailAsync("mover@test.local"))!;
        var principal = await signIn.CreateUserPrincipalAsync(user);
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetRolesAsync(user, [Roles.Viewer], "test", null)).Succeeded);
        Assert.False(await RevalidatingAuthStateProvider.IsStillValidAsync(users, scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value, principal));
    }

    [Fact]
    public async Task SignOut_InvalidatesTheOldCookieOnTheServer()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, await StatusOfHomeAsync(client));

        // A second session of the same user, as an attacker who copied the cookie would hold it.
        var stolenCookie = await CaptureSessionCookieAsync();
        using (var before = _factory.CreateDefaultClient())
        {
            before.DefaultRequestHeaders.Add("Cookie", stolenCookie);
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        }

        var token = await client.GetAntiforgeryTokenAsync("/account/manage/password");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // Sign-out renews the user's security stamp: every cookie issued before stops working at the next check.
        _factory.Clock.Now = _factory.Clock.Now.AddSeconds(61);
        using var replay = _factory.CreateDefaultClient();
        replay.DefaultRequestHeaders.Add("Cookie", stolenCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "auth.sign-out"));
    }

    private async Task<string> CaptureSessionCookieAsync()
    {
        var jar = new TestUsers.CookieJar();
        using var client = await _factory.CreateClientForRoleAsync(Roles.Viewer, jar);
        return $"{Dashboard.Web.Hosting.AuthSetup.CookieName}={jar.Cookies[Dashboard.Web.Hosting.AuthSetup.CookieName]}";
    }

    [Fact]
    public async Task ForbiddenPage_IsAudited()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Viewer);
        var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var denial = await db.AuditEvents.SingleAsync(e => e.Action == "authz.denied");
        Assert.Equal(TestUsers.EmailFor(Roles.Viewer), denial.Actor);
        Assert.Equal("GET /admin/users", denial.Target);
        Assert.False(denial.Succeeded);
    }

    [Fact]
    public async Task VisitingTheMfaPage_DoesNotEndTheSession()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/manage/mfa", UriKind.Relative))).StatusCode);
        _factory.Clock.Now = _factory.Clock.Now.AddMinutes(2); // past the revalidation interval
        Assert.Equal(HttpStatusCode.OK, await StatusOfHomeAsync(client));
    }

    [Theory]
    [InlineData(null, "form-action 'self';")]
    [InlineData("https://login.example.com", "form-action 'self' https://login.example.com;")]
    public void ContentSecurityPolicy_AllowsTheIdentityProviderAsFormTarget(string? origin, string expected) =>
        Assert.Contains(expected, Dashboard.Web.Hosting.SecurityHeadersSetup.ContentSecurityPolicyFor(origin), StringComparison.Ordinal);

    [Fact]
    public async Task WrongPasswords_LockTheAccount()
    {
        await _factory.EnsureUserAsync("locked@test.local", Roles.Viewer);
        using var client = _factory.CreateCookieClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = "locked@test.local", ["Input.Password"] = "wrong password " + i });
        }

        var correct = await client.PostFormAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = "locked@test.local", ["Input.Password"] = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Redirect, correct.StatusCode);
        Assert.EndsWith("/account/lockout", correct.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        // The fifth wrong password is the one that locks: four failures, then the lockout, all audited.
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.Action == "auth.sign-in-failed" && e.Target == "user:locked@test.local"));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "auth.locked-out" && e.Target == "user:locked@test.local"));
    }

    [Fact]
    public async Task WrongPassword_ShowsOneMessageForEveryFailure()
    {
        await _factory.EnsureUserAsync("known@test.local", Roles.Viewer);
        using var client = _factory.CreateCookieClient();
        var known = await client.PostFormAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = "known@test.local", ["Input.Password"] = "nope nope nope" });
        var unknown = await client.PostFormAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = "nobody@test.local", ["Input.Password"] = "nope nope nope" });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Contains("Invalid email or password", await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Invalid email or password", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManySignInPosts_FromOneAddress_AreThrottled()
    {
        using var factory = new DashboardAppFactory { SignInAttemptsPerMinute = 3 };
        using var client = factory.CreateCookieClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@test.local", ["Input.Password"] = "y" });
            statuses.Add((await client.PostAsync(new Uri("/account/login", UriKind.Relative), form)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Totp_EnableThenSignInNeedsCode()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Analyst);
        var page = await client.GetStringAsync(new Uri("/account/manage/mfa", UriKind.Relative));
        var key = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"totp-key\">([^<]+)<").Groups[1].Value);
        Assert.False(string.IsNullOrWhiteSpace(key));

        var wrong = await client.PostFormAsync("/account/manage/mfa", "enable", new Dictionary<string, string> { ["Input.Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabled = await client.PostFormAsync("/account/manage/mfa", "enable", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Contains("data-testid=\"recovery-codes\"", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var fresh = _factory.CreateCookieClient();
        var password = await fresh.PostFormAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = TestUsers.EmailFor(Roles.Analyst), ["Input.Password"] = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var next = password.Headers.Location!.OriginalString;
        Assert.Contains("/account/login-2fa", next, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await StatusOfHomeAsync(fresh)); // not signed in before the code

        var path = new Uri(new Uri("http://localhost"), next).PathAndQuery;
        var code = await fresh.PostFormAsync(path, "login-2fa", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusOfHomeAsync(fresh));
    }

    [Fact]
    public async Task AdminPolicy_WithMfaRequired_NeedsSecondFactorClaim()
    {
        using var factory = new DashboardAppFactory();
        using var strict = factory.WithWebHostBuilder(b => b.UseSetting("Security:RequireMfaForAdmins", "true"));
        var authorization = strict.Services.GetRequiredService<IAuthorizationService>();
        var withoutMfa = Principal(Roles.Admin);
        var withMfa = Principal(Roles.Admin, new System.Security.Claims.Claim("amr", "mfa"));
        var viewerWithMfa = Principal(Roles.Viewer, new System.Security.Claims.Claim("amr", "mfa"));

        Assert.False((await authorization.AuthorizeAsync(withoutMfa, Policies.Admin)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(withMfa, Policies.Admin)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(viewerWithMfa, Policies.Admin)).Succeeded);

        var relaxed = _factory.Services.GetRequiredService<IAuthorizationService>();
        Assert.True((await relaxed.AuthorizeAsync(withoutMfa, Policies.Admin)).Succeeded);
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string role, params System.Security.Claims.Claim[] extra) =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "x"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role), .. extra],
            "test"));
}
