using Microsoft.AspNetCore.StaticAssets;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Security headers on every response: pages, redirects, errors, static files, the jobs dashboard.
/// </summary>
/// <remarks>
/// The policy was checked in Chromium against every page, the live Blazor circuit (WebSocket) and the Hangfire
/// dashboard: no violation is reported with it.
/// </remarks>
public static class SecurityHeadersSetup
{
    /// <summary>
    /// The Content-Security-Policy. Scripts only from this origin (Blazor, MudBlazor and Hangfire load theirs from
    /// files; nothing inline). The one exception is <c>style-src 'unsafe-inline'</c>: MudBlazor writes style
    /// attributes and a theme <c>&lt;style&gt;</c> element at run time, and Blazor's reconnect UI and Hangfire's
    /// pages use style attributes too; inline styles cannot run code. <c>connect-src 'self'</c> covers the
    /// circuit's same-origin WebSocket (ws: / wss:).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; "
        + "script-src 'self'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; "
        + "font-src 'self' data:; "
        + "connect-src 'self'; "
        + "frame-ancestors 'none'; "
        + "base-uri 'self'; "
        + "form-action 'self'; "
        + "object-src 'none'";

    /// <summary>
    /// The policy with single sign-on on: browsers apply form-action to the redirects that follow a form post, so the
    /// "Sign in with ..." post, which redirects to the identity provider, needs that provider's origin there.
    /// </summary>
    public static string ContentSecurityPolicyFor(string? identityProviderOrigin) =>
        identityProviderOrigin is null
            ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("form-action 'self';", $"form-action 'self' {identityProviderOrigin};", StringComparison.Ordinal);

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=()";

    /// <summary>Removes the "Server: Kestrel" header.</summary>
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        return builder;
    }

    /// <summary>
    /// Adds the headers just before a response starts, so that they also land on responses written by the
    /// exception handler, the status-code pages, redirects and the static-file endpoints.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicyFor(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcOptions>>().Value.AuthorityOrigin);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() => Apply(context, policy));
            return next(context);
        });
        return app;
    }

    private static Task Apply(HttpContext context, string contentSecurityPolicy)
    {
        var headers = context.Response.Headers;
        // Set, not appended: this replaces Blazor's own "frame-ancestors 'self'" and antiforgery's "X-Frame-Options: SAMEORIGIN".
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        if (!IsStaticAsset(context))
        {
            // Pages show findings and account data: never kept by the browser or a proxy.
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.Remove("Expires");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A file served by MapStaticAssets (wwwroot, _content/*, _framework/*): public, and its caching headers are
    /// right (fingerprinted names are immutable; other names are revalidated with an ETag).
    /// </summary>
    private static bool IsStaticAsset(HttpContext context) =>
        context.Response.StatusCode is >= 200 and < 400
        && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
}
