using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Dashboard.Web.Scanning;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>Several app instances (nodes) on one database: shared keys, node roles, one job queue.</summary>
public partial class ScaleOutTests
{
    /// <summary>A second web node: on SQLite only a node that does everything is allowed (in-memory job queue).</summary>
    private static NodeRole SecondWebNode(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? NodeRole.Web : NodeRole.All;

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwoNodesOnOneDatabase_AcceptEachOthersSessionCookie(DatabaseProvider provider)
    {
        using var first = new DashboardAppFactory { Provider = provider, RunJobs = false };
        var jar = new TestUsers.CookieJar();
        using (var client = await first.CreateClientForRoleAsync(Roles.Viewer, jar))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        }

        using var second = first.OnSameDatabase(SecondWebNode(provider));
        using var onSecond = await GetWithCookiesAsync(second, "/", jar.Cookies);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains(">Overview</h1>", await onSecond.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The control: an install on another database has other keys and sends the same cookie to sign in.
        using var stranger = new DashboardAppFactory { Provider = provider, RunJobs = false };
        using var onStranger = await GetWithCookiesAsync(stranger, "/", jar.Cookies);
        Assert.Equal(HttpStatusCode.Redirect, onStranger.StatusCode);
        Assert.Equal("/account/login", PathOf(onStranger.Headers.Location));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwoNodesOnOneDatabase_AcceptEachOthersAntiforgeryTokens(DatabaseProvider provider)
    {
        using var first = new DashboardAppFactory { Provider = provider, RunJobs = false };
        await first.EnsureUserAsync(TestUsers.EmailFor(Roles.Viewer), Roles.Viewer);
        using var second = first.OnSameDatabase(SecondWebNode(provider));
        using var stranger = new DashboardAppFactory { Provider = provider, RunJobs = false };
        await stranger.EnsureUserAsync(TestUsers.EmailFor(Roles.Viewer), Roles.Viewer);

        // The sign-in form (antiforgery cookie and token) comes from the first node and is posted to the others,
        // as happens behind a load balancer without sticky sessions.
        var jar = new TestUsers.CookieJar();
        using var client = first.CreateDefaultClient(jar);
        var html = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        fields["_handler"] = "login";
        fields["Input.Email"] = TestUsers.EmailFor(Roles.Viewer);
        fields["Input.Password"] = TestUsers.Password;

        using var onSecond = await PostWithCookiesAsync(second, "/account/login", fields, jar.Cookies);
        Assert.Equal(HttpStatusCode.Redirect, onSecond.StatusCode);
        Assert.Equal("/", PathOf(onSecond.Headers.Location));

        using var onStranger = await PostWithCookiesAsync(stranger, "/account/login", fields, jar.Cookies);
        Assert.Equal(HttpStatusCode.BadRequest, onStranger.StatusCode);
    }

    [Theory]
    [PostgresData]
    public async Task WorkerNode_RunsJobsAndServesOnlyHealth(DatabaseProvider provider)
    {
        using var worker = new DashboardAppFactory { Provider = provider, Role = NodeRole.Worker };
        Assert.Contains(worker.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));

        using var client = worker.CreateCookieClient();
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        foreach (var path in new[] { "/", "/account/login", "/findings", "/jobs", "/api/findings", "/_content/MudBlazor/MudBlazor.min.css" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }
    }

    [Theory]
    [PostgresData]
    public async Task WebNode_ServesPagesAndRunsNoJobServer(DatabaseProvider provider)
    {
        using var web = new DashboardAppFactory { Provider = provider, Role = NodeRole.Web };
        Assert.DoesNotContain(web.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));
        using var client = await web.CreateClientForRoleAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/findings", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [PostgresData]
    public async Task WebNodeEnqueues_WorkerNodeRunsTheScan(DatabaseProvider provider)
    {
        using var web = new DashboardAppFactory { Provider = provider, Role = NodeRole.Web };
        var runIds = await web.Services.GetRequiredService<DemoSeeder>().PrepareRunsAsync(CancellationToken.None);
        Assert.NotEmpty(runIds);
        var launcher = web.Services.GetRequiredService<ScanLauncher>();
        foreach (var id in runIds)
        {
            launcher.Enqueue(id);
        }

        using var worker = web.OnSameDatabase(NodeRole.Worker);
        var dbFactory = worker.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

        // The worker picks the jobs up from the shared PostgreSQL queue; wait (bounded) for it to finish them.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<ScanRunState> states;
        do
        {
            await Task.Delay(200);
            await using var db = await dbFactory.CreateDbContextAsync();
            states = await db.ScanRuns.Where(r => runIds.Contains(r.Id)).Select(r => r.State).ToListAsync();
        }
        while (states.Any(s => s is ScanRunState.Queued or ScanRunState.Running) && DateTime.UtcNow < deadline);

        Assert.All(states, s => Assert.Equal(ScanRunState.Completed, s));
        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.True(await check.Findings.AnyAsync());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SeedingRoles_FromManyNodesAtOnce_CreatesEachRoleOnceAndFailsNone(DatabaseProvider provider)
    {
        using var app = new DashboardAppFactory { Provider = provider, RunJobs = false };
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Roles.ExecuteDeleteAsync(); // as on an empty database, before any node seeded them
        }

        // Each seeding in its own scope and context, as separate nodes (or sign-ins on several nodes) would do.
        using var start = new ManualResetEventSlim();
        var seeders = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            start.Wait();
            await administration.EnsureRolesAsync();
        })).ToList();
        start.Set();
        await Task.WhenAll(seeders);

        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), (await check.Roles.Select(r => r.Name!).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(NodeRole.Web)]
    [InlineData(NodeRole.Worker)]
    public void SplitRole_OnSqlite_FailsAtStartWithClearMessage(NodeRole role)
    {
        using var factory = new DashboardAppFactory { Role = role };
        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Node:Role", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Postgres", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRole_FailsAtStartNamingTheKey()
    {
        using var factory = new DashboardAppFactory().WithWebHostBuilder(b => b.UseSetting("Node:Role", "Everything"));
        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Node:Role", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_WithoutConnectionString_FailsAtStartWithClearMessage()
    {
        using var factory = new DashboardAppFactory().WithWebHostBuilder(b => b.UseSetting("Database:Provider", "Postgres"));
        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Database:ConnectionString is required", ex.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> GetWithCookiesAsync(DashboardAppFactory app, string path, IReadOnlyDictionary<string, string> cookies) =>
        SendWithCookiesAsync(app, new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), cookies);

    private static Task<HttpResponseMessage> PostWithCookiesAsync(DashboardAppFactory app, string path, Dictionary<string, string> fields, IReadOnlyDictionary<string, string> cookies) =>
        SendWithCookiesAsync(app, new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) }, cookies);

    private static async Task<HttpResponseMessage> SendWithCookiesAsync(DashboardAppFactory app, HttpRequestMessage request, IReadOnlyDictionary<string, string> cookies)
    {
        var client = app.CreateDefaultClient(); // not disposed here: the response is read after this returns
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    private static string? PathOf(Uri? location) => location is null ? null : new Uri(new Uri("http://localhost"), location).AbsolutePath;

    [GeneratedRegex("<input[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"[^>]*?>")]
    private static partial Regex HiddenInput();
}
