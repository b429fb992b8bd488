using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Account;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Single sign-on end to end: the dashboard (TestServer) and a fake OpenID Connect provider (Kestrel on loopback).
/// The OIDC handler's back channel (discovery, JWKS, token, userinfo) makes real loopback calls; the browser's
/// front-channel hops between the two hosts are replayed here by hand, with the dashboard's cookies kept.
/// </summary>
public sealed partial class OidcSignInTests : IAsyncLifetime
{
    private const string AdminGroup = "dashboard-admins";
    private const string AnalystGroup = "security-analysts";
    private const string OperatorGroup = "cloud-ops";
    private const string ViewerGroup = "engineering";
    private const string PolicyProbePath = "/__test/admin-policy";

    private readonly DashboardAppFactory _parent = new();
    private readonly ConcurrentQueue<string> _log = new();
    private FakeOidcProvider _idp = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _idp = await FakeOidcProvider.StartAsync();
        _factory = _parent.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Authentication:Oidc:Enabled", "true");
            builder.UseSetting("Authentication:Oidc:Authority", _idp.Issuer);
            builder.UseSetting("Authentication:Oidc:ClientId", FakeOidcProvider.ClientId);
            builder.UseSetting("Authentication:Oidc:ClientSecret", FakeOidcProvider.ClientSecret);
            builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
            builder.UseSetting("Authentication:Oidc:DisplayName", "Example SSO");
            builder.UseSetting("Authentication:Oidc:RoleMappings:Admin:0", AdminGroup);
            builder.UseSetting("Authentication:Oidc:RoleMappings:Analyst:0", AnalystGroup);
            builder.UseSetting("Authentication:Oidc:RoleMappings:Operator", OperatorGroup + ", other-ops");
            builder.UseSetting("Authentication:Oidc:RoleMappings:Viewer:0", ViewerGroup);
            builder.UseSetting("Security:RequireMfaForAdmins", "true");
            builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(_log)).AddFilter<CollectingLoggerProvider>(null, LogLevel.Trace));
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PolicyProbe>());
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _parent.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task SignInPage_ShowsSsoButton_PostingWithAntiforgery()
    {
        using var client = CreateBrowser();
        var html = await client.GetStringAsync(new Uri("/account/login?returnUrl=%2Ffindings", UriKind.Relative));

        var form = Assert.Single(FormElement().Matches(html).Select(m => m.Value), f => f.Contains("action=\"/account/sso\"", StringComparison.Ordinal));
        Assert.Contains("method=\"post\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"/findings\"", form, StringComparison.Ordinal);
        Assert.Contains("Sign in with Example SSO", form, StringComparison.Ordinal);

        // Starting a sign-in is never a GET, and never a post without the form's token.
        var get = await client.GetAsync(new Uri("/account/sso", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain(_idp.Issuer, get.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(new Uri("/account/sso", UriKind.Relative), forged)).StatusCode);
        Assert.Empty(_idp.AuthorizeRequests);
    }

    [Fact]
    public async Task AdminGroup_SignsInAsAdmin_AndSatisfiesMfaForAdmins()
    {
        _idp.SignedInUser = new FakeOidcUser("sub-alice", "alice@example.com", ["Dashboard-ADMINS", "unrelated-group"], "Alice Admin");
        using var client = CreateBrowser();

        var response = await SignInWithSsoAsync(client, returnUrl: "/findings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/findings", response.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(PolicyProbePath, UriKind.Relative))).StatusCode);

        var user = await FindLinkedUserAsync("sub-alice");
        Assert.NotNull(user);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal("Alice Admin", user.DisplayName);
        Assert.NotNull(user.LastSignInAt);
        Assert.Equal(new[] { Roles.Admin }, await RolesOfAsync(user));

        var audit = await AuditAsync();
        Assert.Contains(audit, e => e.Action == "auth.sign-in" && e.Details == "oidc" && e.UserId == user.Id);
        Assert.Contains(audit, e => e.Action == "user.created" && e.Target == "user:alice@example.com");

        // What the dashboard asked the provider for: the code flow with PKCE and the configured scopes, no secret.
        var authorize = Assert.Single(_idp.AuthorizeRequests);
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Equal("form_post", authorize["response_mode"]);
        Assert.Equal("http://localhost/signin-oidc", authorize["redirect_uri"]);
        Assert.Equal(new[] { "email", "openid", "profile" }, authorize["scope"].Split(' ').Order());
        Assert.DoesNotContain(FakeOidcProvider.ClientSecret, string.Join("&", authorize.Values), StringComparison.Ordinal);
        Assert.Empty(_idp.Errors);
    }

    [Fact]
    public async Task PasswordAdminWithoutSecondFactor_FailsTheProbe_SoTheProbeMeansSomething()
    {
        using var scope = _factory.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("local-admin@test.local", TestUsers.Password, [Roles.Admin], "test")).Succeeded);
        using var client = CreateBrowser();
        var response = await client.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "local-admin@test.local",
            ["Input.Password"] = TestUsers.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(PolicyProbePath, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SsoSession_KeepsExternalClaimAcrossRevalidation()
    {
        _idp.SignedInUser = new FakeOidcUser("sub-ravi", "ravi@example.com", [AdminGroup]);
        using var client = CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithSsoAsync(client)).StatusCode);

        _parent.Clock.Now = _parent.Clock.Now.AddMinutes(5); // past Security:RevalidationSeconds: the stamp is checked again
        var probe = await client.GetAsync(new Uri(PolicyProbePath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Contains(probe.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal)); // the cookie was re-issued
    }

    [Fact]
    public async Task UserInNoMappedGroup_IsRefused_AndAudited()
    {
        _idp.SignedInUser = new FakeOidcUser("sub-mallory", "mallory@example.com", ["marketing", "everyone"]);
        using var client = CreateBrowser();

        var response = await SignInWithSsoAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(ExternalLoginSignIn.NoRoleMessage), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Null(await FindLinkedUserAsync("sub-mallory"));

        var failed = Assert.Single(await AuditAsync(), e => e.Action == "auth.sign-in-failed");
        Assert.False(failed.Succeeded);
        Assert.Equal("mallory@example.com", failed.Actor);
        Assert.Contains("no mapped role", failed.Details, StringComparison.Ordinal);
        Assert.Contains("marketing", failed.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleRemovedAtProvider_IsRemovedAtNextSignIn_AndEndsOlderSessions()
    {
        _idp.SignedInUser = new FakeOidcUser("sub-bob", "bob@example.com", [AdminGroup, AnalystGroup, "other-ops"]);
        using var first = CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithSsoAsync(first)).StatusCode);
        var user = (await FindLinkedUserAsync("sub-bob"))!;
        Assert.Equal(new[] { Roles.Analyst, Roles.Operator, Roles.Admin }, await RolesOfAsync(user));

        // The provider drops bob from the admin group; his email changes too.
        _idp.SignedInUser = new FakeOidcUser("sub-bob", "robert@example.com", [AnalystGroup.ToUpperInvariant()]);
        using var second = CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithSsoAsync(second)).StatusCode);

        user = (await FindLinkedUserAsync("sub-bob"))!;
        Assert.Equal(new[] { Roles.Analyst }, await RolesOfAsync(user));
        Assert.Equal("robert@example.com", user.Email);
        var change = Assert.Single(await AuditAsync(), e => e.Action == "user.roles-changed");
        Assert.Contains(Roles.Admin, change.Before, StringComparison.Ordinal);
        Assert.DoesNotContain(Roles.Admin, change.After, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync(new Uri(PolicyProbePath, UriKind.Relative))).StatusCode);

        // The role change renewed the security stamp: the first session (still claiming Admin) ends at revalidation.
        _parent.Clock.Now = _parent.Clock.Now.AddMinutes(5);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        // Out of every mapped group: refused, and the local roles go too.
        _idp.SignedInUser = _idp.SignedInUser with { Groups = [] };
        using var third = CreateBrowser();
        var refused = await SignInWithSsoAsync(third);
        Assert.Contains(WebUtility.HtmlEncode(ExternalLoginSignIn.NoRoleMessage), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await RolesOfAsync((await FindLinkedUserAsync("sub-bob"))!));
    }

    [Fact]
    public async Task DisabledLocalUser_IsRefused()
    {
        _idp.SignedInUser = new FakeOidcUser("sub-carol", "carol@example.com", [ViewerGroup]);
        using var first = CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithSsoAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var carol = (await users.FindByLoginAsync(OidcOptions.Scheme, "sub-carol"))!;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(carol, true, "test", null)).Succeeded);
        }

        using var again = CreateBrowser();
        var response = await SignInWithSsoAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(ExternalLoginSignIn.NotAllowedMessage), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Contains(await AuditAsync(), e => e.Action == "auth.sign-in-failed" && e.Details!.Contains("disabled", StringComparison.Ordinal));

        // Like a password session, the open single sign-on session ends at the next revalidation.
        _parent.Clock.Now = _parent.Clock.Now.AddMinutes(5);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task GroupsOnlyInUserInfo_AreMapped()
    {
        _idp.GroupsOnlyInUserInfo = true;
        _idp.SignedInUser = new FakeOidcUser("sub-dana", "dana@example.com", [OperatorGroup]);
        using var client = CreateBrowser();

        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithSsoAsync(client)).StatusCode);
        Assert.Equal(new[] { Roles.Operator }, await RolesOfAsync((await FindLinkedUserAsync("sub-dana"))!));
    }

    [Fact]
    public async Task LocalAccountWithTheSameEmail_IsNotTakenOver()
    {
        using (var scope = _factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("erin@example.com", TestUsers.Password, [Roles.Viewer], "test")).Succeeded);
        }

        _idp.SignedInUser = new FakeOidcUser("sub-erin", "erin@example.com", [AdminGroup]);
        using var client = CreateBrowser();
        var response = await SignInWithSsoAsync(client);

        Assert.Contains(WebUtility.HtmlEncode(ExternalLoginSignIn.EmailTakenMessage), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await FindLinkedUserAsync("sub-erin"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ProviderDenies_ShowsAMessageInsteadOfAnError()
    {
        _idp.SignedInUser = null; // the provider answers access_denied
        using var client = CreateBrowser();

        var response = await SignInWithSsoAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(ExternalLoginSignIn.FailedMessage), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _idp.TokenRequests);
    }

    [Fact]
    public async Task CallbackWithoutAProviderAnswer_DoesNotSignIn()
    {
        using var client = CreateBrowser();
        var response = await client.GetAsync(new Uri(ExternalLoginSignIn.CallbackPath + "?returnUrl=%2F", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(ExternalLoginSignIn.ExpiredMessage), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ClientSecret_IsNeverLogged()
    {
        _idp.SignedInUser = new FakeOidcUser("sub-frank", "frank@example.com", [ViewerGroup]);
        using var client = CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithSsoAsync(client)).StatusCode);

        // Everything the OIDC handler logs, down to Trace, was captured: the secret is in none of it.
        Assert.Contains(_log, line => line.StartsWith("Microsoft.AspNetCore.Authentication.OpenIdConnect", StringComparison.Ordinal) && line.Contains("Redeeming code", StringComparison.Ordinal));
        Assert.DoesNotContain(_log, line => line.Contains(FakeOidcProvider.ClientSecret, StringComparison.Ordinal));
    }

    /// <summary>
    /// Plays the browser: sign-in page → POST /account/sso → provider's /authorize → its form_post back to
    /// /signin-oidc → the dashboard's callback page. Returns the callback page's answer (a redirect on success).
    /// </summary>
    private async Task<HttpResponseMessage> SignInWithSsoAsync(HttpClient dashboard, string returnUrl = "/")
    {
        var challenge = await dashboard.PostFormAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", formName: null,
            new Dictionary<string, string>(), action: ExternalLoginEndpoints.ChallengePath);
        Assert.True(challenge.StatusCode == HttpStatusCode.Redirect, $"challenge: {(int)challenge.StatusCode} {await challenge.Content.ReadAsStringAsync()}");
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_idp.Issuer + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);

        // The provider is another host: a plain client, as the browser would not send the dashboard's cookies there.
        using var idpBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var answer = await idpBrowser.GetAsync(authorize);
        HttpResponseMessage callback;
        if (answer.StatusCode == HttpStatusCode.OK)
        {
            var html = await answer.Content.ReadAsStringAsync();
            var action = new Uri(WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value));
            Assert.Equal("http://localhost/signin-oidc", action.AbsoluteUri);
            var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            using var content = new FormUrlEncodedContent(fields);
            callback = await dashboard.PostAsync(new Uri(action.PathAndQuery, UriKind.Relative), content);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            callback = await dashboard.GetAsync(new Uri(answer.Headers.Location!.PathAndQuery, UriKind.Relative));
        }

        Assert.True(callback.StatusCode == HttpStatusCode.Redirect,
            $"/signin-oidc: {(int)callback.StatusCode} {await callback.Content.ReadAsStringAsync()} provider errors: {string.Join("; ", _idp.Errors)}");
        var next = callback.Headers.Location!;
        Assert.StartsWith(ExternalLoginSignIn.CallbackPath, next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString, StringComparison.Ordinal);
        return await dashboard.GetAsync(next.IsAbsoluteUri ? new Uri(next.PathAndQuery, UriKind.Relative) : next);
    }

    private HttpClient CreateBrowser() => _factory.CreateDefaultClient(new TestUsers.CookieJar());

    private async Task<AppUser?> FindLinkedUserAsync(string subject)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByLoginAsync(OidcOptions.Scheme, subject);
    }

    private async Task<string[]> RolesOfAsync(AppUser user)
    {
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = await users.GetRolesAsync((await users.FindByIdAsync(user.Id))!);
        return [.. Roles.All.Where(roles.Contains)];
    }

    private async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.OrderBy(e => e.Id).ToListAsync();
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"[^>]*?>")]
    private static partial Regex HiddenInput();

    /// <summary>Answers 200 or 403 for the Admin policy (role plus MFA-for-admins) with the request's session cookie.</summary>
    private sealed class PolicyProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != PolicyProbePath)
                {
                    await nextMiddleware();
                    return;
                }

                var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
                var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
                var allowed = session.Principal is { } principal && (await authorization.AuthorizeAsync(principal, Policies.Admin)).Succeeded;
                context.Response.StatusCode = allowed ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
            });
            next(app);
        };
    }
}
