using System.Net.Mail;
using Dashboard.Core.Checks;
using Dashboard.Web.Features.Notifications;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Notifications after a scan (<c>Notifications</c> section): a Slack-compatible webhook and e-mail over SMTP. Each
/// channel is off until configured (no webhook URL, no SMTP host). The webhook URL and the SMTP password are secrets:
/// set them in the environment, never log them.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Notify when a scan brings new or regressed findings of this severity or worse (unmuted).</summary>
    public Severity MinSeverity { get; set; } = Severity.High;

    /// <summary>Send a summary after every completed scan, even one without new findings at the threshold.</summary>
    public bool NotifyEveryScan { get; set; }

    /// <summary>The dashboard's public base URL, e.g. https://posture.example.com; links in messages start here. Empty = no links.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>How many of the worst new findings a message lists; the rest are counted.</summary>
    public int MaxFindings { get; set; } = 10;

    /// <summary>How long one delivery (webhook request, SMTP conversation) may take.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public WebhookOptions Webhook { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public bool AnyChannel => Webhook.Enabled || Smtp.Enabled;

    public Uri? DashboardUri => Uri.TryCreate(DashboardUrl, UriKind.Absolute, out var uri) ? uri : null;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}

public sealed class WebhookOptions
{
    /// <summary>Incoming-webhook URL (Slack, or anything that takes Slack's JSON). https, or http on this machine only.</summary>
    public string? Url { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The URL as it may be logged or shown: scheme and host only (the path of a Slack URL is its secret).</summary>
    public string Redacted => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(invalid URL)";
}

public enum SmtpSecurity
{
    /// <summary>Upgrade the connection with STARTTLS before anything else is sent; refuse a server that does not offer it.</summary>
    StartTls = 0,

    /// <summary>Plain SMTP: for a relay on this machine or a trusted network. Credentials only to a relay on this machine.</summary>
    None = 1,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }

    /// <summary>Only from the environment or user secrets (the app refuses a password in an appsettings file); never logged.</summary>
    public string? Password { get; set; }

    public string? From { get; set; }

    /// <summary>Recipients: a list, or one comma-separated string (handy in an environment variable).</summary>
    public string[] To { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public string Redacted => $"{Host}:{Port}";
}

/// <summary>Refuses to start with a channel half configured; every message names the key to fix and never echoes a secret.</summary>
internal sealed class NotificationOptionsValidator(IConfiguration configuration) : IValidateOptions<NotificationOptions>
{
    private const string Prefix = NotificationOptions.Section;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        if (options.MaxFindings is < 1 or > 40)
        {
            errors.Add($"{Prefix}:MaxFindings must be between 1 and 40.");
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            errors.Add($"{Prefix}:TimeoutSeconds must be between 1 and 120.");
        }

        if (!string.IsNullOrWhiteSpace(options.DashboardUrl)
            && (options.DashboardUri is not { } dashboard || (dashboard.Scheme != Uri.UriSchemeHttps && dashboard.Scheme != Uri.UriSchemeHttp) || dashboard.Query.Length > 0))
        {
            errors.Add($"{Prefix}:DashboardUrl must be the dashboard's absolute public URL without a query, e.g. https://posture.example.com.");
        }

        if (options.Webhook.Enabled)
        {
            if (!Uri.TryCreate(options.Webhook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{Prefix}:Webhook:Url must be an absolute https URL, e.g. https://hooks.slack.com/services/... (the value is not shown: it is a secret).");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
            {
                errors.Add($"{Prefix}:Webhook:Url must use https; plain http is allowed only to this machine (localhost, 127.0.0.1).");
            }
        }

        if (options.Smtp.Enabled)
        {
            ValidateSmtp(options.Smtp, errors);
        }

        if (PasswordFile() is { } file)
        {
            errors.Add($"{Prefix}:Smtp:Password is set in {file}; set it in the environment (Notifications__Smtp__Password) or in user secrets instead, never in a file that may end up in git.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateSmtp(SmtpOptions smtp, List<string> errors)
    {
        const string Smtp = $"{Prefix}:Smtp";
        if (Uri.CheckHostName(smtp.Host) == UriHostNameType.Unknown)
        {
            errors.Add($"{Smtp}:Host must be a host name or IP address, e.g. smtp.example.com.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            errors.Add($"{Smtp}:Port must be between 1 and 65535 (usually 587 for STARTTLS, 25 for a local relay).");
        }
        else if (smtp.Port == 465)
        {
            errors.Add($"{Smtp}:Port 465 (TLS from the first byte) is not supported; use port 587 with {Smtp}:Security=StartTls.");
        }

        if (!IsAddress(smtp.From))
        {
            errors.Add($"{Smtp}:From must be an e-mail address, e.g. posture@example.com.");
        }

        if (smtp.To.Length == 0)
        {
            errors.Add($"{Smtp}:To must list at least one recipient (Notifications__Smtp__To__0=security@example.com, or a comma-separated list).");
        }
        else if (smtp.To.Where(to => !IsAddress(to)).ToList() is { Count: > 0 } bad)
        {
            errors.Add($"{Smtp}:To has {bad.Count} value{(bad.Count == 1 ? "" : "s")} that {(bad.Count == 1 ? "is not an e-mail address" : "are not e-mail addresses")}: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
        }

        var hasUser = !string.IsNullOrEmpty(smtp.Username);
        if (hasUser != !string.IsNullOrEmpty(smtp.Password))
        {
            errors.Add($"{Smtp}:Username and {Smtp}:Password go together: set both (the password in the environment) or neither.");
        }
        else if (hasUser && smtp.Security == SmtpSecurity.None && !IsLoopback(smtp.Host))
        {
            errors.Add($"{Smtp}:Security=None would send the password in clear text; use StartTls, or no credentials with a trusted relay.");
        }
    }

    /// <summary>An address, optionally with a display name ("Posture &lt;posture@example.com&gt;").</summary>
    private static bool IsAddress(string? value) => !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out _);

    private static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>The JSON file that provides the SMTP password, when one does (user secrets excepted).</summary>
    private string? PasswordFile()
    {
        const string Key = $"{Prefix}:Smtp:Password";
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        // The last provider that has the key wins: only that one decides where the password comes from.
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(Key, out var value))
            {
                return provider is JsonConfigurationProvider json && !string.IsNullOrEmpty(value)
                    && !string.Equals(Path.GetFileName(json.Source.Path), "secrets.json", StringComparison.OrdinalIgnoreCase)
                    ? Path.GetFileName(json.Source.Path)
                    : null;
            }
        }

        return null;
    }
}

public static class NotificationsSetup
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.Smtp.To = SplitRecipients(options.Smtp.To, configuration[$"{NotificationOptions.Section}:Smtp:To"]))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();

        // No automatic redirects (a redirect could leave https), no cookies, and no request logging: the handler
        // loggers would write the full webhook URL, whose path is the secret.
        builder.Services.AddHttpClient(NotificationChannels.HttpClientName, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        builder.Services.AddTransient<NotificationChannels>();
        builder.Services.AddTransient<ScanNotifications>();
        builder.Services.AddTransient<ScanNotificationJob>();
        builder.Services.AddTransient<NotificationsAdmin>();
        return builder;
    }

    /// <summary>Accepts <c>To=a@example.com,b@example.com</c> (one string) besides the array form.</summary>
    internal static string[] SplitRecipients(string[] bound, string? single) =>
        [.. bound.Append(single ?? "")
            .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
