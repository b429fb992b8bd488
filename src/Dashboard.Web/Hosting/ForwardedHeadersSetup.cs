using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Trust for a reverse proxy in front of the app. Off by default: the client address and scheme are then taken from
/// the connection itself, and any X-Forwarded-* header a client sends is ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Security:ForwardedHeaders";

    /// <summary>Honour X-Forwarded-For and X-Forwarded-Proto from the proxies listed below.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// IP addresses of trusted proxies. When this and <see cref="KnownNetworks"/> are both empty, only a proxy on
    /// this machine (loopback) is trusted.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of trusted proxies.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ForwardedHeadersSetup
{
    /// <summary>Binds and validates <see cref="ForwardedHeadersSettings"/>; a wrong address stops the app at start.</summary>
    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>()
            .BindConfiguration(ForwardedHeadersSettings.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) => Apply(options, settings.Value));
        return builder;
    }

    /// <summary>First in the pipeline, so that every later step (HSTS, cookies, throttling, audit) sees the real client.</summary>
    public static WebApplication UseConfiguredForwardedHeaders(this WebApplication app)
    {
        // Validated at start (ValidateOnStart); the middleware reads the resulting ForwardedHeadersOptions.
        if (app.Configuration.GetValue<bool>($"{ForwardedHeadersSettings.Section}:{nameof(ForwardedHeadersSettings.Enabled)}"))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    internal static void Apply(ForwardedHeadersOptions options, ForwardedHeadersSettings settings)
    {
        if (!settings.Enabled)
        {
            options.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }

        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // Only the address the trusted proxy appended is used; anything a client put before it is not trusted.
        options.ForwardLimit = 1;
        if (settings.KnownProxies.Length == 0 && settings.KnownNetworks.Length == 0)
        {
            return; // the framework's default: loopback only
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            if (IPAddress.TryParse(proxy.Trim(), out var address))
            {
                options.KnownProxies.Add(address);
            }
        }

        foreach (var network in settings.KnownNetworks)
        {
            if (System.Net.IPNetwork.TryParse(network.Trim(), out var parsed))
            {
                options.KnownIPNetworks.Add(parsed);
            }
        }
    }

    internal static List<string> Problems(ForwardedHeadersSettings settings)
    {
        var problems = new List<string>();
        foreach (var proxy in settings.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy?.Trim(), out _))
            {
                problems.Add($"{ForwardedHeadersSettings.Section}:KnownProxies: '{proxy}' is not an IP address (e.g. 10.0.0.5 or fd00::5).");
            }
        }

        foreach (var network in settings.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network?.Trim(), out _))
            {
                problems.Add($"{ForwardedHeadersSettings.Section}:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/8 or fd00::/8).");
            }
        }

        return problems;
    }
}

internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var problems = ForwardedHeadersSetup.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
