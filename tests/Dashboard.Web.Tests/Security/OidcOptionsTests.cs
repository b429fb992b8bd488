using Dashboard.Web.Hosting;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Security;

/// <summary>Configuration of single sign-on: defaults, binding from the environment's shapes, and start-up validation.</summary>
public class OidcOptionsTests
{
    private static OidcOptions Valid(Action<OidcOptions>? change = null)
    {
        var options = new OidcOptions
        {
            Enabled = true,
            Authority = "https://login.example.com/realms/main",
            ClientId = "dashboard",
            RoleMappings = new(StringComparer.OrdinalIgnoreCase) { ["Admin"] = ["dashboard-admins"] },
        };
        change?.Invoke(options);
        return options;
    }

    private static string Errors(OidcOptions options) => new OidcOptionsValidator().Validate(null, options).FailureMessage ?? "";

    [Fact]
    public void Defaults_AreOffAndSafe()
    {
        using var factory = new DashboardAppFactory();
        var options = factory.Services.GetRequiredService<IOptions<OidcOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal("Single sign-on", options.DisplayName);
        Assert.Equal(new[] { "openid", "profile", "email" }, options.ScopeList);
        Assert.Equal("groups", options.RoleClaimType);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal("/signin-oidc", options.CallbackPath);
        Assert.All(options.RoleMappings.Values, Assert.Empty);
    }

    [Fact]
    public async Task Disabled_NoSsoButton_AndNoChallengeEndpoint()
    {
        using var factory = new DashboardAppFactory();
        using var client = factory.CreateCookieClient();

        var html = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        Assert.DoesNotContain("/account/sso", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with", html, StringComparison.Ordinal);

        var token = await client.GetAntiforgeryTokenAsync("/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.PostAsync(new Uri("/account/sso", UriKind.Relative), form)).StatusCode);
    }

    [Fact]
    public void Binding_AcceptsArraysAndCommaSeparatedLists()
    {
        using var parent = new DashboardAppFactory();
        using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Authentication:Oidc:RoleMappings:Admin:0", "dashboard-admins");
            b.UseSetting("Authentication:Oidc:RoleMappings:Admin:1", "root");
            b.UseSetting("Authentication:Oidc:RoleMappings:viewer", "engineering, support");
            b.UseSetting("Authentication:Oidc:Scopes", "openid,email groups");
        });
        var options = factory.Services.GetRequiredService<IOptions<OidcOptions>>().Value;

        Assert.Equal(new[] { "dashboard-admins", "root" }, options.RoleMappings["admin"]);
        Assert.Equal(new[] { "engineering", "support" }, options.RoleMappings["Viewer"]);
        Assert.Equal(new[] { "openid", "email", "groups" }, options.ScopeList);
    }

    [Fact]
    public void Validation_PassesForACompleteConfiguration_AndIgnoresDisabled()
    {
        Assert.Empty(Errors(Valid()));
        Assert.Empty(Errors(new OidcOptions { Enabled = false, RoleMappings = new() { ["Nonsense"] = ["x"] } }));
    }

    [Fact]
    public void AuthorityOrigin_IsTheProvidersOrigin_OnlyWhileEnabled()
    {
        Assert.Equal("https://login.example.com", Valid().AuthorityOrigin);
        Assert.Equal("http://127.0.0.1:8080", Valid(o => o.Authority = "http://127.0.0.1:8080/realms/x/").AuthorityOrigin);
        Assert.Null(Valid(o => o.Enabled = false).AuthorityOrigin);
    }

    [Fact]
    public void Validation_NamesMissingAuthorityAndClientId()
    {
        var errors = Errors(Valid(o => { o.Authority = null; o.ClientId = " "; }));

        Assert.Contains("Authentication:Oidc:Authority is required", errors, StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:ClientId is required", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_RefusesPlainHttpUnlessAllowed()
    {
        Assert.Contains("must use https", Errors(Valid(o => { o.Authority = "http://idp.local"; })), StringComparison.Ordinal);
        Assert.Empty(Errors(Valid(o => { o.Authority = "http://127.0.0.1:8080"; o.RequireHttpsMetadata = false; })));
        Assert.Contains("absolute https URL", Errors(Valid(o => { o.Authority = "login.example.com"; })), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_NamesUnknownRolesAndListsTheRealOnes()
    {
        var errors = Errors(Valid(o => { o.RoleMappings = new(StringComparer.OrdinalIgnoreCase) { ["Admins"] = ["a"], ["Viewer"] = ["b"] }; }));

        Assert.Contains("unknown role 'Admins'", errors, StringComparison.Ordinal);
        Assert.Contains("Viewer, Analyst, Operator, Admin", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_RefusesMappingsThatLetNobodyIn()
    {
        Assert.Contains("maps no group to a role", Errors(Valid(o => { o.RoleMappings = new() { ["Admin"] = [] }; })), StringComparison.Ordinal);
        Assert.Contains("Scopes must include openid", Errors(Valid(o => { o.Scopes = "profile email"; })), StringComparison.Ordinal);
        Assert.Contains("CallbackPath", Errors(Valid(o => { o.CallbackPath = "signin"; })), StringComparison.Ordinal);
    }

    [Fact]
    public void EnabledButIncomplete_FailsAtStartWithClearMessage()
    {
        using var parent = new DashboardAppFactory();
        using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Authentication:Oidc:Enabled", "true");
            b.UseSetting("Authentication:Oidc:RoleMappings:Admins:0", "dashboard-admins");
        });

        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("Authentication:Oidc:Authority is required", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:ClientId is required", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("unknown role 'Admins'", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnabledWithFakeProvider_StartsAndShowsTheButton()
    {
        await using var idp = await FakeOidcProvider.StartAsync();
        using var parent = new DashboardAppFactory();
        using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Authentication:Oidc:Enabled", "true");
            b.UseSetting("Authentication:Oidc:Authority", idp.Issuer);
            b.UseSetting("Authentication:Oidc:ClientId", FakeOidcProvider.ClientId);
            b.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
            b.UseSetting("Authentication:Oidc:RoleMappings:Viewer", "everyone");
        });
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Contains("Sign in with Single sign-on", html, StringComparison.Ordinal);
    }
}
