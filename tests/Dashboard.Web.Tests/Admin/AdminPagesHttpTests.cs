using System.Net;
using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Admin;

/// <summary>The admin pages and the Admin navigation group, as the server renders them for each role.</summary>
public class AdminPagesHttpTests : IClassFixture<DashboardAppFactory>
{
    private readonly DashboardAppFactory _factory;

    public AdminPagesHttpTests(DashboardAppFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/admin/users", "Users")]
    [InlineData("/admin/audit", "Audit log")]
    public async Task AdminPage_RendersForAdmin(string path, string heading)
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Admin);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($">{heading}</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Operator)]
    public async Task AdminPages_OtherRoles_SeeNeitherThePagesNorTheLinks(string role)
    {
        using var client = await _factory.CreateClientForRoleAsync(role);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("href=\"/admin/users\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/audit\"", home, StringComparison.Ordinal);

        foreach (var path in new[] { "/admin/users", "/admin/audit" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(">Users</h1>", body, StringComparison.Ordinal);
            Assert.DoesNotContain(">Audit log</h1>", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Navigation_ShowsTheAdminGroupToAdmins()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Admin);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("href=\"/admin/users\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_IsInTheAuditLogPage()
    {
        using var client = await _factory.CreateClientForRoleAsync(Roles.Admin);
        var html = await client.GetStringAsync(new Uri("/admin/audit?action=auth.sign-in", UriKind.Relative));
        Assert.Contains(TestUsers.EmailFor(Roles.Admin), html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit/export.csv?action=auth.sign-in\"", html, StringComparison.Ordinal);
    }
}
