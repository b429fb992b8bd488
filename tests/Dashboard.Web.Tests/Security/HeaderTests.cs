using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Security headers on every response: every page route (found by reflection), every other GET endpoint, redirects,
/// errors, static files and the jobs dashboard, for an anonymous visitor and for an admin.
/// </summary>
public sealed partial class HeaderTests : IClassFixture<DashboardAppFactory>
{
    private readonly DashboardAppFactory _factory;

    public HeaderTests(DashboardAppFactory factory) => _factory = factory;

    [Fact]
    public void RouteDiscovery_FindsThePages()
    {
        var templates = SecurityTestSupport.PageRouteTemplates();
        Assert.Contains("/", templates);
        Assert.Contains("/findings/{Id:long}", templates);
        Assert.Contains("/account/login", templates);
        Assert.Equal("/findings/1", SecurityTestSupport.Expand("/findings/{Id:long}"));
        Assert.Equal("/a/sample/b/1", SecurityTestSupport.Expand("/a/{Name?}/b/{N:int}"));
    }

    [Fact]
    public async Task EveryRoute_Anonymous_HasSecurityHeadersAndNoStore()
    {
        using var client = _factory.CreateCookieClient();
        await AssertEveryRouteAsync(client);
    }

    [Fact]
    public async Task EveryRoute_Admin_HasSecurityHeadersAndNoStore()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Admin);
        await AssertEveryRouteAsync(client);
    }

    [Fact]
    public async Task Redirect_HasSecurityHeaders()
    {
        using var client = _factory.CreateCookieClient();
        using var response = await client.GetAsync(new Uri("/findings", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(Problems(response, https: false, cacheable: false));
    }

    [Fact]
    public async Task NotFound_HasSecurityHeaders()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Viewer);
        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Problems(response, https: false, cacheable: false));
    }

    [Fact]
    public async Task ServerError_HasSecurityHeaders()
    {
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            SecurityTestSupport.RemoveJobServer(services);
            services.AddSingleton<IStartupFilter>(new SecurityTestSupport.ThrowingStartupFilter("/test-failure"));
        }));
        using var client = SecurityTestSupport.CreateCookieClient(factory);
        await SecurityTestSupport.SignInAsync(factory, client, Roles.Viewer);

        using var response = await client.GetAsync(new Uri("/test-failure", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Problems(response, https: false, cacheable: false));
    }

    [Fact]
    public async Task StaticFiles_HaveSecurityHeadersAndStayCacheable()
    {
        using var client = _factory.CreateCookieClient();
        var html = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var fingerprinted = FingerprintedStylesheet().Match(html);
        Assert.True(fingerprinted.Success, "no fingerprinted MudBlazor stylesheet on the sign-in page");

        foreach (var path in new[] { "/" + fingerprinted.Value, "/_content/MudBlazor/MudBlazor.min.css", "/_framework/blazor.web.js", "/app.css", "/favicon.svg" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var problems = Problems(response, https: false, cacheable: true).ToList();
            Assert.True(problems.Count == 0, $"{path}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public async Task Https_AddsHsts()
    {
        using var client = SecurityTestSupport.CreateCookieClient(_factory, "https://localhost");
        foreach (var path in new[] { "/account/login", "/", "/healthz", "/_content/MudBlazor/MudBlazor.min.css", "/jobs" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var problems = Problems(response, https: true, cacheable: path.StartsWith("/_content", StringComparison.Ordinal)).ToList();
            Assert.True(problems.Count == 0, $"{path}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public async Task Http_HasNoHsts()
    {
        using var client = _factory.CreateCookieClient();
        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("https://localhost")]
    public async Task Cookies_AreHttpOnlySameSite_AndSecureOnHttps(string baseAddress)
    {
        var https = baseAddress.StartsWith("https", StringComparison.Ordinal);
        using var client = SecurityTestSupport.CreateCookieClient(_factory, baseAddress);

        using var loginPage = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        var antiforgery = SetCookie(loginPage, ".AspNetCore.Antiforgery.");
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var signIn = await SecurityTestSupport.SignInAsync(_factory, client, Roles.Analyst);
        var session = SetCookie(signIn, AuthSetup.CookieName);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(https, session.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
        // The sign-in answer is a redirect: it carries the headers too.
        Assert.Empty(Problems(signIn, https, cacheable: false));
    }

    [Fact]
    public void ContentSecurityPolicy_KeepsScriptsStrict()
    {
        var csp = ParseCsp(SecurityHeadersSetup.ContentSecurityPolicy);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'self'", "'unsafe-inline'"], csp["style-src"]);
    }

    private async Task AssertEveryRouteAsync(HttpClient client)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal)
        {
            "/account/login", "/healthz", "/not-found", "/no-such-page", "/jobs", "/jobs/recurring", "/account/logout",
        };
        paths.UnionWith(SecurityTestSupport.PageRouteTemplates().Select(SecurityTestSupport.Expand));
        // Every other endpoint that answers GET (minimal APIs, health, the circuit's HTTP endpoints).
        paths.UnionWith(SecurityTestSupport.AppEndpoints(_factory.Services)
            .Where(e => SecurityTestSupport.Methods(e) is var methods && (methods.Count == 0 || methods.Contains("GET")))
            .Select(e => SecurityTestSupport.Expand(e.RoutePattern.RawText!)));

        var failures = new List<string>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            failures.AddRange(Problems(response, https: false, cacheable: false).Select(p => $"GET {path} ({(int)response.StatusCode}): {p}"));
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                // script-src 'self' blocks inline code: a page that relied on it would silently break.
                var html = await response.Content.ReadAsStringAsync();
                failures.AddRange(InlineScript().Matches(html).Select(m => $"GET {path}: inline script blocked by the CSP: {m.Value}"));
                failures.AddRange(InlineEventHandler().Matches(html).Select(m => $"GET {path}: inline event handler blocked by the CSP: {m.Value}"));
            }
        }

        Assert.True(paths.Count >= 15, $"only {paths.Count} routes found: {string.Join(", ", paths)}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Everything wrong with a response's security headers; empty when all is well.</summary>
    internal static IEnumerable<string> Problems(HttpResponseMessage response, bool https, bool cacheable)
    {
        var cspValues = Values(response, "Content-Security-Policy");
        if (cspValues.Count != 1)
        {
            yield return $"expected one Content-Security-Policy header, got {cspValues.Count}: {string.Join(" | ", cspValues)}";
        }
        else
        {
            var csp = ParseCsp(cspValues[0]);
            foreach (var (directive, expected) in new[]
            {
                ("default-src", "'self'"), ("frame-ancestors", "'none'"), ("object-src", "'none'"), ("base-uri", "'self'"),
                ("form-action", "'self'"), ("connect-src", "'self'"),
            })
            {
                if (!csp.TryGetValue(directive, out var sources) || !sources.SequenceEqual([expected]))
                {
                    yield return $"CSP {directive} should be {expected}: {cspValues[0]}";
                }
            }

            if (!csp.TryGetValue("script-src", out var scripts) || !scripts.Contains("'self'")
                || scripts.Any(s => s is "'unsafe-inline'" or "'unsafe-eval'" or "*" or "data:" or "http:" or "https:"))
            {
                yield return $"CSP script-src is not strict: {cspValues[0]}";
            }
        }

        foreach (var (name, expected) in new[]
        {
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"), ("Permissions-Policy", SecurityHeadersSetup.PermissionsPolicy),
        })
        {
            var values = Values(response, name);
            if (values.Count != 1 || values[0] != expected)
            {
                yield return $"{name} should be '{expected}', got '{string.Join(" | ", values)}'";
            }
        }

        var hsts = Values(response, "Strict-Transport-Security");
        if (https && (hsts.Count != 1 || hsts[0] != "max-age=31536000; includeSubDomains"))
        {
            yield return $"HSTS missing on https: '{string.Join(" | ", hsts)}'";
        }
        else if (!https && hsts.Count > 0)
        {
            yield return $"HSTS sent on http: '{string.Join(" | ", hsts)}'";
        }

        var cacheControl = response.Headers.CacheControl;
        if (cacheable && cacheControl?.NoStore == true)
        {
            yield return "a static file should stay cacheable, got no-store";
        }
        else if (!cacheable && cacheControl?.NoStore != true)
        {
            yield return $"Cache-Control should be no-store, got '{cacheControl}' ({response.Content.Headers.ContentType})";
        }
    }

    private static List<string> Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.ToList() : [];

    private static Dictionary<string, string[]> ParseCsp(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0].ToLowerInvariant(), d => d[1..], StringComparer.Ordinal);

    private static string SetCookie(HttpResponseMessage response, string namePrefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(namePrefix, StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new Xunit.Sdk.XunitException($"no {namePrefix} cookie set: {string.Join(" | ", response.Headers.Select(h => h.Key))}");

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\s(on[a-z]+\s*=|href\s*=\s*""javascript:)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineEventHandler();

    [GeneratedRegex(@"_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.css")]
    private static partial Regex FingerprintedStylesheet();
}
