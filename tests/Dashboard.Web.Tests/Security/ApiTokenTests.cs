using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

public class ApiTokenTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory = new() { RunJobs = false };
    private int _accountId;

    public async Task InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = new CloudAccount { AwsAccountId = "123456789012", Name = "Demo-ish", IsDemo = true, CreatedAt = _factory.Clock.Now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        _accountId = account.Id;
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(AppUser User, string Token)> TokenForAsync(string role, int days = 30)
    {
        var email = TestUsers.EmailFor(role);
        await _factory.EnsureUserAsync(email, role);
        using var scope = _factory.Services.CreateScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user, $"{role} script", days);
        return (user, created.Token);
    }

    private HttpClient Bearer(string token)
    {
        var client = _factory.CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Token_ReadsFindingsAsItsUser()
    {
        var (_, token) = await TokenForAsync(Roles.Viewer);
        using var client = Bearer(token);
        var response = await client.GetAsync(new Uri("/api/findings?status=any", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Token_IsStoredOnlyAsHash()
    {
        var (_, token) = await TokenForAsync(Roles.Viewer);
        var secret = token.Split('_')[2];
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.ApiTokens.SingleAsync();
        Assert.DoesNotContain(secret, stored.Prefix, StringComparison.Ordinal);
        Assert.NotEqual(Encoding.ASCII.GetBytes(secret), stored.SecretHash);
        Assert.Equal(32, stored.SecretHash.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dsh_")]
    [InlineData("dsh_aaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]
    [InlineData("not-a-token")]
    public async Task BadToken_Is401(string token)
    {
        using var client = _factory.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/findings");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TamperedSecret_Is401()
    {
        var (_, token) = await TokenForAsync(Roles.Viewer);
        var tampered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        using var client = Bearer(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/findings", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RevokedToken_Is401()
    {
        var (user, token) = await TokenForAsync(Roles.Viewer);
        using var client = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/findings", UriKind.Relative))).StatusCode);

        using (var scope = _factory.Services.CreateScope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync()).Id;
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(user, id, asAdmin: false));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/findings", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var (_, token) = await TokenForAsync(Roles.Viewer, days: 7);
        using var client = Bearer(token);
        _factory.Clock.Now = _factory.Clock.Now.AddDays(8);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/findings", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TokenOfDisabledUser_Is401()
    {
        var (user, token) = await TokenForAsync(Roles.Viewer);
        using (var scope = _factory.Services.CreateScope())
        {
            var tracked = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id))!;
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(tracked, true, "test", null);
        }

        using var client = Bearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/findings", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task StartScan_ViewerTokenForbidden_OperatorTokenAccepted_SecondRequestJoins()
    {
        var (_, viewer) = await TokenForAsync(Roles.Viewer);
        var (_, op) = await TokenForAsync(Roles.Operator);
        var path = new Uri($"/api/accounts/{_accountId}/scans", UriKind.Relative);

        using var viewerClient = Bearer(viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerClient.PostAsync(path, null)).StatusCode);

        using var opClient = Bearer(op);
        var first = await opClient.PostAsync(path, null);
        var second = await opClient.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstId = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("scanRunId").GetInt64();
        var secondId = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("scanRunId").GetInt64();
        Assert.Equal(firstId, secondId);
        await using (var check = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(ScanRunState.Queued, (await check.ScanRuns.SingleAsync()).State);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await opClient.PostAsync(new Uri("/api/accounts/99999/scans", UriKind.Relative), null)).StatusCode);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "scan.requested"));
    }

    [Fact]
    public async Task StartScan_WithSessionCookieInsteadOfToken_IsRefused()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Operator);
        var response = await client.PostAsync(new Uri($"/api/accounts/{_accountId}/scans", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.ScanRuns.CountAsync());
    }

    [Fact]
    public async Task Api_Anonymous_Is401NotRedirect()
    {
        using var client = _factory.CreateCookieClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/findings", UriKind.Relative))).StatusCode);
    }
}
