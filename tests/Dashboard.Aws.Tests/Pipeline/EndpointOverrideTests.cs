using Dashboard.Aws.Pipeline;
using Dashboard.Aws.Tests.Support;

namespace Dashboard.Aws.Tests.Pipeline;

/// <summary>Endpoint configuration resolves exactly as in the official SDKs (through ClientConfig.ServiceId).</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EndpointOverrideTests
{
    private static string? Resolve(AwsService service, (string Name, string File)? profile = null)
    {
        var config = GenericAwsClient.CreateConfig(service, "eu-west-1", "aws", null);
        if (profile is { } p)
        {
            // An explicit profile and file, as a named-profile target does; the SDK caches the default config file per process.
            config.Profile = new Amazon.Profile(p.Name, p.File);
        }

        return config.ServiceURL;
    }

    [Fact]
    public void NothingConfigured_UsesTheAwsDefault()
    {
        using var env = new EnvironmentScope();

        Assert.Null(Resolve(AwsService.Config));
        Assert.Equal("https://config.eu-west-1.amazonaws.com", AwsService.Config.DefaultEndpoint("eu-west-1"));
        Assert.Equal("https://iam.amazonaws.com", AwsService.Iam.DefaultEndpoint("us-east-1"));
        Assert.Equal("https://iam.cn-north-1.amazonaws.com.cn", AwsService.Iam.DefaultEndpoint("cn-north-1"));
    }

    [Fact]
    public void GlobalVariable_AppliesToEveryService()
    {
        using var env = new EnvironmentScope(("AWS_ENDPOINT_URL", "http://127.0.0.1:4599"));

        Assert.All(AwsService.All, s => Assert.Equal("http://127.0.0.1:4599", Resolve(s)?.TrimEnd('/')));
    }

    [Fact]
    public void ServiceVariable_UsesTheServiceIdSuffix_AndBeatsTheGlobalOne()
    {
        using var env = new EnvironmentScope(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
            ("AWS_ENDPOINT_URL_CONFIG_SERVICE", "http://127.0.0.1:2"),
            ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:3"),
            ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:4"));

        Assert.Equal("http://127.0.0.1:2", Resolve(AwsService.Config)?.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:3", Resolve(AwsService.SecretsManager)?.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:4", Resolve(AwsService.CloudWatchLogs)?.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:1", Resolve(AwsService.CloudTrail)?.TrimEnd('/'));
    }

    [Fact]
    public void IgnoreVariable_DisablesEveryOverride()
    {
        using var env = new EnvironmentScope(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Null(Resolve(AwsService.Iam));
    }

    [Fact]
    public void ConfigFile_ProfileEndpointUrl_AppliesWithoutServicesSection_AndEnvironmentWins()
    {
        var profile = "p" + Guid.NewGuid().ToString("N");
        var file = WriteConfig($"""
            [profile {profile}]
            region = eu-west-1
            endpoint_url = http://127.0.0.1:7100
            """);
        using (new EnvironmentScope())
        {
            Assert.Equal("http://127.0.0.1:7100", Resolve(AwsService.GuardDuty, (profile, file))?.TrimEnd('/'));
        }

        using (new EnvironmentScope(("AWS_ENDPOINT_URL", "http://127.0.0.1:7101")))
        {
            Assert.Equal("http://127.0.0.1:7101", Resolve(AwsService.GuardDuty, (profile, file))?.TrimEnd('/'));
        }
    }

    [Fact]
    public void ConfigFile_IgnoreSwitch_DisablesTheProfileEndpoint()
    {
        var profile = "p" + Guid.NewGuid().ToString("N");
        var file = WriteConfig($"""
            [profile {profile}]
            region = eu-west-1
            endpoint_url = http://127.0.0.1:7200
            ignore_configured_endpoint_urls = true
            """);
        using var env = new EnvironmentScope();

        Assert.Null(Resolve(AwsService.Lambda, (profile, file)));
    }

    // Each test uses its own profile name: the SDK caches a resolved profile by name for the process.
    private static string WriteConfig(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aws-config-{Guid.NewGuid():N}");
        File.WriteAllText(path, text + "\n");
        return path;
    }
}
