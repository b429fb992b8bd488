using Dashboard.Core.Checks;
using Dashboard.Web.Features.Notifications;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>The Notifications section: off by default, and every bad value stops the app at start with the key named.</summary>
public sealed class NotificationOptionsTests
{
    private static NotificationOptions Valid(Action<NotificationOptions>? change = null)
    {
        var options = new NotificationOptions
        {
            Webhook = new WebhookOptions { Url = "https://hooks.slack.com/services/T0/B0/secret" },
            Smtp = new SmtpOptions { Host = "smtp.example.com", From = "Posture <posture@example.com>", To = ["security@example.com"] },
        };
        change?.Invoke(options);
        return options;
    }

    private static string Errors(NotificationOptions options, IConfiguration? configuration = null) =>
        new NotificationOptionsValidator(configuration ?? new ConfigurationBuilder().Build()).Validate(null, options).FailureMessage ?? "";

    [Fact]
    public void Defaults_AreOff_WithHighThreshold()
    {
        using var factory = new DashboardAppFactory { RunJobs = false };
        var options = factory.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;

        Assert.False(options.Webhook.Enabled);
        Assert.False(options.Smtp.Enabled);
        Assert.Empty(factory.Services.GetRequiredService<NotificationChannels>().Enabled);
        Assert.Equal((Severity.High, false, 10, 10, 587, SmtpSecurity.StartTls), (options.MinSeverity, options.NotifyEveryScan, options.MaxFindings, options.TimeoutSeconds, options.Smtp.Port, options.Smtp.Security));
    }

    [Fact]
    public void ValidChannels_PassValidation() => Assert.Equal("", Errors(Valid()));

    [Fact]
    public void PlainHttpWebhook_IsAllowedOnlyToThisMachine()
    {
        Assert.Equal("", Errors(Valid(o => o.Webhook.Url = "http://127.0.0.1:8080/hook")));
        Assert.Equal("", Errors(Valid(o => o.Webhook.Url = "http://localhost/hook")));
        Assert.Contains("Notifications:Webhook:Url must use https", Errors(Valid(o => o.Webhook.Url = "http://hooks.example.com/hook")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://hooks.example.com/secret-path")]
    [InlineData("/services/T0/B0/secret-path")]
    public void MalformedWebhookUrl_IsRefused_WithoutEchoingIt(string url)
    {
        var errors = Errors(Valid(o => o.Webhook.Url = url));

        Assert.Contains("Notifications:Webhook:Url must be an absolute https URL", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("From", "Notifications:Smtp:From must be an e-mail address")]
    [InlineData("NoTo", "Notifications:Smtp:To must list at least one recipient")]
    [InlineData("BadTo", "Notifications:Smtp:To has 1 value that is not an e-mail address: 'not-an-address'")]
    [InlineData("UserOnly", "Notifications:Smtp:Username and Notifications:Smtp:Password go together")]
    [InlineData("ClearText", "Notifications:Smtp:Security=None would send the password in clear text")]
    [InlineData("Port465", "Notifications:Smtp:Port 465")]
    [InlineData("Port0", "Notifications:Smtp:Port must be between 1 and 65535")]
    [InlineData("Host", "Notifications:Smtp:Host must be a host name")]
    [InlineData("MaxFindings", "Notifications:MaxFindings must be between 1 and 40")]
    [InlineData("Timeout", "Notifications:TimeoutSeconds must be between 1 and 120")]
    [InlineData("DashboardUrl", "Notifications:DashboardUrl must be the dashboard's absolute public URL")]
    public void BadValue_IsRefused_WithAMessageNamingTheKey(string problem, string message)
    {
        var options = Valid(o =>
        {
            switch (problem)
            {
                case "From": o.Smtp.From = "posture"; break;
                case "NoTo": o.Smtp.To = []; break;
                case "BadTo": o.Smtp.To = ["security@example.com", "not-an-address"]; break;
                case "UserOnly": o.Smtp.Username = "notifier"; break;
                case "ClearText": (o.Smtp.Username, o.Smtp.Password, o.Smtp.Security) = ("notifier", "pw", SmtpSecurity.None); break;
                case "Port465": o.Smtp.Port = 465; break;
                case "Port0": o.Smtp.Port = 0; break;
                case "Host": o.Smtp.Host = "smtp example com"; break;
                case "MaxFindings": o.MaxFindings = 0; break;
                case "Timeout": o.TimeoutSeconds = 500; break;
                case "DashboardUrl": o.DashboardUrl = "ftp://posture.example.com"; break;
                default: throw new ArgumentOutOfRangeException(nameof(problem));
            }
        });

        Assert.Contains(message, Errors(options), StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsWithoutTls_AreAllowedToARelayOnThisMachine() =>
        Assert.Equal("", Errors(Valid(o => (o.Smtp.Host, o.Smtp.Username, o.Smtp.Password, o.Smtp.Security) = ("127.0.0.1", "notifier", "pw", SmtpSecurity.None))));

    [Fact]
    public void SmtpPasswordInAnAppsettingsFile_IsRefused_ButTheEnvironmentAndUserSecretsAreFine()
    {
        var folder = Directory.CreateTempSubdirectory("notification-options");
        try
        {
            var file = Path.Combine(folder.FullName, "appsettings.Production.json");
            File.WriteAllText(file, """{ "Notifications": { "Smtp": { "Password": "in-a-file" } } }""");
            var secrets = Path.Combine(folder.FullName, "secrets.json");
            File.WriteAllText(secrets, """{ "Notifications": { "Smtp": { "Password": "in-user-secrets" } } }""");
            var inFile = new ConfigurationBuilder().AddJsonFile(file).Build();
            var fromEnvironment = new ConfigurationBuilder().AddJsonFile(file)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:Smtp:Password"] = "from-env" }).Build();
            var fromSecrets = new ConfigurationBuilder().AddJsonFile(secrets).Build();

            var errors = Errors(Valid(), inFile);

            Assert.Contains("Notifications:Smtp:Password is set in appsettings.Production.json", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("in-a-file", errors, StringComparison.Ordinal);
            Assert.Equal("", Errors(Valid(), fromEnvironment));
            Assert.Equal("", Errors(Valid(), fromSecrets));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Notifications:Webhook:Url", "http://hooks.example.com/services/secret", "Notifications:Webhook:Url")]
    [InlineData("Notifications:MinSeverity", "Severe", "Notifications:MinSeverity")]
    [InlineData("Notifications:Smtp:Host", "smtp.example.com", "Notifications:Smtp:From")]
    public void App_RefusesToStart_WithABadValue(string key, string value, string named)
    {
        using var factory = new DashboardAppFactory { RunJobs = false }.WithWebHostBuilder(b => b.UseSetting(key, value));

        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains(named, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("services/secret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Recipients_AcceptACommaSeparatedValue()
    {
        using var factory = new DashboardAppFactory
        {
            RunJobs = false,
            Settings = new Dictionary<string, string>
            {
                ["Notifications:Smtp:Host"] = "127.0.0.1",
                ["Notifications:Smtp:Security"] = "None",
                ["Notifications:Smtp:From"] = "posture@example.test",
                ["Notifications:Smtp:To"] = "security@example.test, ops@example.test;SECURITY@example.test",
            },
        };

        var options = factory.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;

        Assert.Equal(["security@example.test", "ops@example.test"], options.Smtp.To);
        Assert.Equal([Dashboard.Web.Data.NotificationChannel.Email], factory.Services.GetRequiredService<NotificationChannels>().Enabled);
    }
}
