using System.Net;
using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Features.Compliance;

/// <summary>The two pages through the real pipeline: a Viewer gets them server-rendered, with the data already in them.</summary>
public class CompliancePagesHttpTests(ComplianceApp app) : IClassFixture<ComplianceApp>
{
    [Theory]
    [InlineData("/compliance", "framework-card-aws-security-checklist")]
    [InlineData("/checks", "data-check=\"s3_bucket_default_encryption\"")]
    public async Task Viewer_GetsThePage(string path, string expected)
    {
        using var client = await app.Factory.CreateClientForRoleAsync(Roles.Viewer);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compliance")]
    [InlineData("/checks")]
    public async Task Anonymous_IsSentToSignIn(string path)
    {
        using var client = app.Factory.CreateCookieClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_LinksBothPages()
    {
        using var client = await app.Factory.CreateClientForRoleAsync(Roles.Viewer);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("href=\"/compliance\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/checks\"", html, StringComparison.Ordinal);
    }
}
