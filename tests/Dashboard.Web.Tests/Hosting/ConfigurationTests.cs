using System.Text.Json;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

public class ConfigurationTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above the test folder");
    }

    private static IEnumerable<string> KeyPaths(JsonElement element, string prefix = "")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return prefix;
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            foreach (var path in KeyPaths(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}"))
            {
                yield return path;
            }
        }
    }

    private static JsonElement Read(string path) =>
        JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }).RootElement;

    [Fact]
    public void ExampleConfig_DocumentsEveryKeyOfTheDefaults()
    {
        var root = RepoRoot();
        var defaults = KeyPaths(Read(Path.Combine(root, "src/Dashboard.Web/appsettings.json"))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var example = KeyPaths(Read(Path.Combine(root, "appsettings.example.json"))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var undocumented = defaults.Except(example, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(undocumented.Count == 0, "keys missing from appsettings.example.json: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void ExampleConfig_TurnsTheDemoOff()
    {
        var example = Read(Path.Combine(RepoRoot(), "appsettings.example.json"));
        Assert.False(example.GetProperty("Demo").GetProperty("Enabled").GetBoolean());
    }

    [Fact]
    public void InvalidProvider_FailsAtStartWithClearMessage()
    {
        using var factory = new DashboardAppFactory().WithWebHostBuilder(b => b.UseSetting("Database:Provider", "Oracle"));
        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.True(ex.ToString().Contains("Database:Provider", StringComparison.Ordinal), ex.ToString());
    }
}
