using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The Hangfire dashboard at /jobs: admins only, by policy, also behind a reverse proxy; antiforgery on its actions.
/// Every request comes from loopback, where Hangfire's default "local requests only" filter would let anyone in.
/// </summary>
public sealed partial class JobsDashboardTests : IClassFixture<JobsDashboardTests.LoopbackApp>
{
    private readonly DashboardAppFactory _factory;
    private readonly WebApplicationFactory<Program> _local;

    public JobsDashboardTests(LoopbackApp app)
    {
        _factory = app.Factory;
        _local = app.Local;
    }

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/jobs/jobs/succeeded")]
    [InlineData("/jobs/recurring")]
    [InlineData("/jobs/servers")]
    public async Task Anonymous_IsSentToSignIn(string path)
    {
        using var client = SecurityTestSupport.CreateCookieClient(_local);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", SecurityTestSupport.PathOf(response.Headers.Location));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Operator)]
    public async Task NonAdmin_IsDenied(string role)
    {
        using var client = await SignedInAsync(role);
        foreach (var path in new[] { "/jobs", "/jobs/jobs/succeeded" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && SecurityTestSupport.PathOf(response.Headers.Location) == "/account/access-denied"),
                $"{role} GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        using var post = await client.PostAsync(new Uri("/jobs/stats", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{role} POST /jobs/stats: {(int)post.StatusCode}");
    }

    [Fact]
    public async Task Admin_SeesTheDashboard_WithoutTheStorageConnectionString()
    {
        using var client = await SignedInAsync(Roles.Admin);
        using var response = await client.GetAsync(new Uri("/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(JobsDashboardSetup.Title, html, StringComparison.Ordinal);
        Assert.Contains("hangfireConfig", html, StringComparison.Ordinal);
        Assert.Contains("name=\"csrf-token\"", html, StringComparison.Ordinal);

        var storage = _local.Services.GetRequiredService<JobStorage>().ToString();
        Assert.False(string.IsNullOrWhiteSpace(storage));
        Assert.DoesNotContain(WebUtility.HtmlEncode(storage!), html, StringComparison.Ordinal);
        Assert.DoesNotContain(storage!, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsLink_IsShownToAdminsOnly()
    {
        using var admin = await SignedInAsync(Roles.Admin);
        using var viewer = await SignedInAsync(Roles.Viewer);
        Assert.Contains("href=\"/jobs\"", await admin.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/jobs\"", await viewer.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_WithoutAntiforgeryToken_AreRejected_WithTokenTheyWork()
    {
        using var client = await SignedInAsync(Roles.Admin);
        UseThisAppForHangfireLogging();
        var jobs = _local.Services.GetRequiredService<IBackgroundJobClient>();
        var jobId = jobs.Schedule(() => Console.WriteLine("never runs in this test"), TimeSpan.FromDays(7));
        var (header, token) = await DashboardTokenAsync(client);

        foreach (var sentToken in new[] { null, "CfDJ8-not-a-token" })
        {
            using var forged = await PostAsync(client, "/jobs/jobs/scheduled/delete", jobId, sentToken is null ? null : (header, sentToken));
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Equal("Scheduled", StateOf(jobId));
        }

        using (var stats = await PostAsync(client, "/jobs/stats", null, (header, token)))
        {
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        }

        UseThisAppForHangfireLogging();
        using (var real = await PostAsync(client, "/jobs/jobs/scheduled/delete", jobId, (header, token)))
        {
            Assert.Equal(HttpStatusCode.NoContent, real.StatusCode);
        }

        Assert.Equal("Deleted", StateOf(jobId));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("203.0.113.7")]
    public async Task BehindTrustedProxy_AnonymousIsStillDenied(string forwardedFor)
    {
        using var factory = ProxiedFactory(("Security:ForwardedHeaders:Enabled", "true"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/jobs", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", SecurityTestSupport.PathOf(response.Headers.Location));
        // The proxy's headers were applied (the request is now https, so HSTS is sent): the denial is not an accident.
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "X-Forwarded-Proto from the trusted proxy was not applied");
    }

    [Fact]
    public async Task ForwardedHeaders_AreIgnored_UnlessEnabledAndFromAKnownProxy()
    {
        using var disabled = ProxiedFactory();
        using var otherProxy = ProxiedFactory(("Security:ForwardedHeaders:Enabled", "true"), ("Security:ForwardedHeaders:KnownProxies:0", "10.1.2.3"));
        using var trustedNetwork = ProxiedFactory(("Security:ForwardedHeaders:Enabled", "true"), ("Security:ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"));
        foreach (var (factory, applied) in new[] { (disabled, false), (otherProxy, false), (trustedNetwork, true) })
        {
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative));
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(applied, response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Theory]
    [InlineData("Security:ForwardedHeaders:KnownProxies:0", "10.0.0.300", "Security:ForwardedHeaders:KnownProxies")]
    [InlineData("Security:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "Security:ForwardedHeaders:KnownNetworks")]
    [InlineData("Security:ForwardedHeaders:KnownNetworks:0", "proxy.example.com", "Security:ForwardedHeaders:KnownNetworks")]
    public void InvalidProxyAddress_FailsAtStartWithClearMessage(string key, string value, string expectedKey)
    {
        // The app's own registration, checked the way the host checks it when it starts (ValidateOnStart).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[key] = value;
        builder.AddForwardedHeaders();
        using var app = builder.Build();
        var ex = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expectedKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> ProxiedFactory(params (string Key, string Value)[] settings) =>
        _factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(services =>
            {
                SecurityTestSupport.RemoveJobServer(services);
                services.AddSingleton<IStartupFilter>(new SecurityTestSupport.LoopbackPeerStartupFilter());
            });
        });

    /// <summary>
    /// Hangfire keeps its log provider in a static: it points at the logger factory of the app host started last
    /// in this test process, which another test class may already have disposed. The dashboard's delete action
    /// creates a job client, which asks that provider for a logger; point it at this class's live app first.
    /// </summary>
    private void UseThisAppForHangfireLogging() =>
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(_local.Services.GetRequiredService<ILoggerFactory>()));

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = SecurityTestSupport.CreateCookieClient(_local);
        (await SecurityTestSupport.SignInAsync(_local, client, role)).Dispose();
        return client;
    }

    private string? StateOf(string jobId)
    {
        using var connection = _local.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>The antiforgery header name and token the dashboard page gives its scripts.</summary>
    private static async Task<(string Header, string Token)> DashboardTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/jobs/jobs/scheduled", UriKind.Relative));
        var header = CsrfHeader().Match(html);
        var token = CsrfToken().Match(html);
        Assert.True(header.Success && token.Success, "the dashboard page has no antiforgery token");
        return (WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? jobId, (string Header, string Token)? antiforgery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(jobId is null ? [] : [new KeyValuePair<string, string>("jobs[]", jobId)]),
        };
        if (antiforgery is { } a)
        {
            request.Headers.Add(a.Header, a.Token);
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();

    /// <summary>The app, and the same app seen from loopback (TestServer leaves the peer address empty otherwise).</summary>
    public sealed class LoopbackApp : IDisposable
    {
        public LoopbackApp()
        {
            Local = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            {
                SecurityTestSupport.RemoveJobServer(services);
                services.AddSingleton<IStartupFilter>(new SecurityTestSupport.LoopbackPeerStartupFilter());
            }));
        }

        public DashboardAppFactory Factory { get; } = new();

        public WebApplicationFactory<Program> Local { get; }

        public void Dispose()
        {
            Local.Dispose();
            Factory.Dispose();
        }
    }
}
