using System.Security.Claims;
using Dashboard.Web.Features.Account;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Optional single sign-on with an OpenID Connect identity provider (<c>Authentication:Oidc</c>). The client secret
/// comes from configuration or the environment (<c>Authentication__Oidc__ClientSecret</c>) and is never logged.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme, and the login provider name stored with linked users.</summary>
    public const string Scheme = "oidc";

    public bool Enabled { get; set; }

    /// <summary>The provider's issuer URL; its discovery document is at {Authority}/.well-known/openid-configuration.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Client secret of a confidential client. Set it in the environment, never in a file under git.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button reads "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    /// <summary>Scopes to request, separated by spaces or commas. "openid" is required.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The claim that carries the user's groups or roles at the provider, usually "groups" or "roles".</summary>
    public string RoleClaimType { get; set; } = "groups";

    /// <summary>
    /// Dashboard role → claim values that grant it, e.g. <c>"Admin": ["dashboard-admins"]</c>. A single string value
    /// may list several claim values separated by commas (handy in environment variables).
    /// </summary>
    public Dictionary<string, string[]> RoleMappings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuse a provider whose metadata is not served over https. Only local tests switch this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Where the provider sends the browser back; register {public URL}{CallbackPath} at the provider.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>
    /// The provider's origin (scheme, host, port) while single sign-on is on, else null. The sign-in form posts to
    /// /account/sso, which redirects there: a Content-Security-Policy <c>form-action</c> must allow this origin,
    /// since browsers check form-action on the redirects that follow a form submission.
    /// </summary>
    public string? AuthorityOrigin =>
        Enabled && Uri.TryCreate(Authority, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null;

    public IReadOnlyList<string> ScopeList =>
        Scopes.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>Refuses to start with single sign-on enabled but half configured; messages name the key to fix.</summary>
internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string Prefix = "Authentication:Oidc";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            errors.Add($"{Prefix}:Authority is required when single sign-on is enabled: the issuer URL of your identity provider (Authentication__Oidc__Authority).");
        }
        else if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Prefix}:Authority must be an absolute https URL, e.g. https://login.example.com/realms/main.");
        }
        else if (authority.Scheme != Uri.UriSchemeHttps && options.RequireHttpsMetadata)
        {
            errors.Add($"{Prefix}:Authority must use https ({Prefix}:RequireHttpsMetadata=false is only for local testing).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{Prefix}:ClientId is required when single sign-on is enabled: the client id registered at your identity provider (Authentication__Oidc__ClientId).");
        }

        if (!options.ScopeList.Contains("openid", StringComparer.Ordinal))
        {
            errors.Add($"{Prefix}:Scopes must include openid.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaimType))
        {
            errors.Add($"{Prefix}:RoleClaimType is required: the claim that carries groups or roles, e.g. groups or roles.");
        }

        if (string.IsNullOrWhiteSpace(options.CallbackPath) || !options.CallbackPath.StartsWith('/'))
        {
            errors.Add($"{Prefix}:CallbackPath must be a path starting with /, e.g. /signin-oidc.");
        }

        if (string.IsNullOrWhiteSpace(options.DisplayName))
        {
            errors.Add($"{Prefix}:DisplayName must not be empty.");
        }

        var unknown = options.RoleMappings.Keys.Where(k => OidcRoleMapper.CanonicalRole(k) is null).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"{Prefix}:RoleMappings names unknown role{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; "
                + $"the roles are {string.Join(", ", Roles.All)}.");
        }
        else if (!options.RoleMappings.Values.Any(values => values.Any(v => !string.IsNullOrWhiteSpace(v))))
        {
            errors.Add($"{Prefix}:RoleMappings maps no group to a role, so nobody could sign in. "
                + "Example: Authentication__Oidc__RoleMappings__Admin__0=dashboard-admins.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class OidcSetup
{
    public static WebApplicationBuilder AddOidc(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OidcOptions>()
            .BindConfiguration(OidcOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) => AddCommaSeparatedMappings(options, configuration))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<OidcOptions>>().Value;
            return new OidcRoleMapper(options.RoleClaimType, options.RoleMappings);
        });
        builder.Services.AddScoped<ExternalLoginSignIn>();

        var settings = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, settings.DisplayName, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(OidcOptions.Scheme)
            .Configure<IOptions<OidcOptions>>((options, oidc) => ConfigureHandler(options, oidc.Value));
        return builder;
    }

    private static void ConfigureHandler(OpenIdConnectOptions options, OidcOptions settings)
    {
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.CallbackPath = settings.CallbackPath;

        // Authorization code flow with PKCE; the answer comes back as a form post.
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.FormPost;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.DisableTelemetry = true;

        // Keep the provider's claim names (sub, email, groups, roles) instead of the legacy WS-* mapping.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = settings.RoleClaimType;
        options.Scope.Clear();
        foreach (var scope in settings.ScopeList)
        {
            options.Scope.Add(scope);
        }

        // Some providers put groups only in the userinfo response.
        options.ClaimActions.MapJsonKey(settings.RoleClaimType, settings.RoleClaimType);

        options.Events.OnTokenValidated = context =>
        {
            // Identity's external login info reads the subject from the NameIdentifier claim.
            if (context.Principal?.Identity is ClaimsIdentity identity
                && identity.FindFirst(ClaimTypes.NameIdentifier) is null
                && identity.FindFirst("sub") is { } subject)
            {
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject.Value, subject.ValueType, subject.Issuer));
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            // A denied consent, an expired or replayed answer, or an unreachable provider: say so on our page
            // instead of an error page. The reason goes to the log (it never contains the client secret).
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup))
                .LogWarning("Single sign-on failed: {Reason}", context.Failure?.Message);
            context.Response.Redirect($"{context.Request.PathBase}{ExternalLoginSignIn.CallbackPath}?error=remote");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>Accepts <c>RoleMappings:Admin=group-a,group-b</c> (one string) besides the array form.</summary>
    private static void AddCommaSeparatedMappings(OidcOptions options, IConfiguration configuration)
    {
        foreach (var role in configuration.GetSection($"{OidcOptions.Section}:RoleMappings").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(role.Value))
            {
                continue;
            }

            var values = role.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            options.RoleMappings[role.Key] = [.. (options.RoleMappings.TryGetValue(role.Key, out var existing) ? existing : []).Concat(values).Distinct(StringComparer.OrdinalIgnoreCase)];
        }
    }
}
