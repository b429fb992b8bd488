using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>Route discovery, clients and state snapshots shared by the header, CSRF and jobs-dashboard tests.</summary>
internal static partial class SecurityTestSupport
{
    /// <summary>The @page templates of every routable component in the app.</summary>
    public static IReadOnlyList<string> PageRouteTemplates() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>(inherit: false))
            .Select(r => r.Template)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The app's endpoints (pages, minimal APIs, health, jobs dashboard, SignalR), without static files.</summary>
    public static IReadOnlyList<RouteEndpoint> AppEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && e.RoutePattern.RawText?.Contains(":file}", StringComparison.Ordinal) != true)
            .ToList();

    /// <summary>The HTTP methods an endpoint accepts; empty means any method.</summary>
    public static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    /// <summary>A concrete path for a route template: {Id:long} becomes 1, {Name} becomes "sample", and so on.</summary>
    public static string Expand(string template)
    {
        var path = RouteParameter().Replace(template, m => m.Groups["constraint"].Value.Split(':')[0].Split('(')[0].ToLowerInvariant() switch
        {
            "int" or "long" or "decimal" or "double" or "float" => "1",
            "guid" => "00000000-0000-0000-0000-000000000001",
            "bool" => "true",
            "datetime" => "2026-01-01",
            _ => "sample",
        });
        return "/" + path.TrimStart('/');
    }

    /// <summary>A client that keeps cookies like a browser and does not follow redirects, on any base address (http or https).</summary>
    public static HttpClient CreateCookieClient(WebApplicationFactory<Program> factory, string baseAddress = "http://localhost") =>
        factory.CreateDefaultClient(new Uri(baseAddress), new TestUsers.CookieJar());

    /// <summary>Creates the user (once) and signs in through the real sign-in form.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(WebApplicationFactory<Program> factory, HttpClient client, string role)
    {
        var email = TestUsers.EmailFor(role);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, TestUsers.Password, [role], actor: "test");
                Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
            }
        }

        var response = await client.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && PathOf(response.Headers.Location) == "/",
            $"sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return response;
    }

    /// <summary>
    /// Everything a forged request could change: each user's stamps, password, second factor and lockout, and the
    /// row count of every table.
    /// </summary>
    public static async Task<string> SnapshotAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        var lines = users.Select(u => $"user {u.Email}: stamp={u.SecurityStamp} concurrency={u.ConcurrencyStamp} password={u.PasswordHash} 2fa={u.TwoFactorEnabled} lockout={u.LockoutEnd} failures={u.AccessFailedCount} disabled={u.IsDisabled}").ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            lines.Add($"{table}: {await command.ExecuteScalarAsync()} rows");
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Leaves Hangfire's job server out of an extra app host that does not run jobs. Hangfire keeps its logger in a
    /// static shared by every host in the test process; a host that starts no job server does not depend on it.
    /// </summary>
    public static void RemoveJobServer(IServiceCollection services)
    {
        var servers = services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && d.ImplementationFactory?.Method.ReturnType == typeof(Hangfire.BackgroundJobServerHostedService)).ToList();
        Assert.NotEmpty(servers);
        foreach (var server in servers)
        {
            services.Remove(server);
        }
    }

    /// <summary>Whether the client's session is signed in: "/" renders instead of redirecting to the sign-in page.</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The path of a Location header, relative or absolute.</summary>
    public static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    [GeneratedRegex(@"\{\*{0,2}(?<name>[^}:?=]+)(?::(?<constraint>[^}?=]+))?(?:=[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    /// <summary>Makes every request look like it came straight from this machine (TestServer leaves the peer address empty).</summary>
    public sealed class LoopbackPeerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Adds, after the app's own pipeline, a request that fails with an exception, to exercise the error page.</summary>
    public sealed class ThrowingStartupFilter(string path) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) =>
                context.Request.Path == path ? throw new InvalidOperationException("test failure") : nextMiddleware(context));
        };
    }
}
