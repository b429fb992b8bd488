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
        using var client = _factory.CreateClient();
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        Assert.Contains($">{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Posture Dashboard", html, StringComparison.Ordinal);
        Assert.Matches("_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.css", html);
    }

    [Fact]
    public async Task UnknownRoute_ReturnsNotFoundPage()
    {
        using var client = _factory.CreateClient();
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
