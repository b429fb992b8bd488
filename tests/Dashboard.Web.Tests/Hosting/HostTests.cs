using System.Net;

namespace Dashboard.Web.Tests.Hosting;

public class HostTests : IClassFixture<DashboardAppFactory>
{
    private readonly DashboardAppFactory _factory;

    public HostTests(DashboardAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_WithDatabase_ReturnsHealthy()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Boot_CreatesDatabaseInConfiguredDataFolder()
    {
        using var client = _factory.CreateClient();
        Assert.True(File.Exists(Path.Combine(_factory.DataDirectory, "dashboard.db")));
    }

    [Theory]
    [InlineData("/", "Overview")]
    [InlineData("/findings", "Findings")]
    public async Task Page_RendersInShell(string path, string heading)
    {
        using var client = await _factory.CreateClientForRoleAsync(Dashboard.Web.Security.Roles.Viewer);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Headers.Location}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($">{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Posture Dashboard", html, StringComparison.Ordinal);
        Assert.Matches("_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.css", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/findings")]
    public async Task Page_Anonymous_RedirectsToSignIn(string path)
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_ReturnsNotFoundPage()
    {
        using var client = await _factory.CreateClientForRoleAsync(Dashboard.Web.Security.Roles.Viewer);
        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticAssets_MudBlazorStylesheetIsServed()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync(new Uri("/_content/MudBlazor/MudBlazor.min.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
