using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

public static class AuthSetup
{
    /// <summary>Claim added to sessions that came from single sign-on (the IdP did the authentication, including its MFA).</summary>
    public const string ExternalLoginClaim = "dashboard:external";

    public const string CookieName = ".Dashboard.Session";
    public const string SelectorScheme = "CookieOrToken";

    /// <summary>Identity's table layout (3: with passkeys). Part of the EF model, so the design-time factories use it too.</summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();

        builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            // /api/* with a bearer token is authenticated by the token; everything else by the session cookie.
            .AddPolicyScheme(SelectorScheme, "cookie or API token", options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenService.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenService.Scheme, null)
            .AddIdentityCookies();
        builder.Services.AddTransient<ApiTokenService>();
        builder.Services.AddScoped<ActionGuard>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(security.SessionMinutes);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ReturnUrlParameter = "returnUrl";
            // API clients get status codes, not a redirect to an HTML sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = async context =>
            {
                // A signed-in user asked for something their role does not allow: worth a line in the audit log.
                var user = context.HttpContext.User;
                await context.HttpContext.RequestServices.GetRequiredService<AuditLog>().WriteAsync(
                    "authz.denied", user.Identity?.Name ?? "unknown", user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
                    target: $"{context.Request.Method} {context.Request.Path}", succeeded: false);
                await ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            };
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromSeconds(security.RevalidationSeconds);
            // Revalidation rebuilds the principal from the database, which knows nothing of how the session signed
            // in. Keep the second-factor claims (amr=mfa, single sign-on): the stamp check just proved the session
            // still belongs to the user, and without them admins would lose MFA-gated pages every interval.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var claim in current.Claims.Where(c => c.Type is "amr" or ExternalLoginClaim).ToList())
                    {
                        if (!identity.HasClaim(claim.Type, claim.Value))
                        {
                            identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                        }
                    }
                }

                return Task.CompletedTask;
            };
        });

        builder.Services
            .AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = true; // answered by DisabledUserConfirmation: disabled users cannot sign in
                options.Password.RequiredLength = security.PasswordMinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = security.LockoutFailures;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                options.Stores.SchemaVersion = IdentitySchemaVersion;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<IUserConfirmation<AppUser>, DisabledUserConfirmation>();
        builder.Services.AddSingleton<IAuthorizationHandler, MfaRequirementHandler>();

        builder.Services.AddAuthorizationBuilder()
            // Nothing is reachable without signing in unless it says [AllowAnonymous] (sign-in pages, health, static files).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build())
            .AddPolicy(Policies.View, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.Triage, p => p.RequireAuthenticatedUser().RequireRole(Roles.Analyst, Roles.Admin))
            .AddPolicy(Policies.Operate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(new MfaRequirement()));

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<AuditLog>();
        builder.Services.AddTransient<UserAdministration>();
        builder.Services.AddHostedService<FirstAdminBootstrapper>();
        return builder;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Creates the roles, and the first admin from DASHBOARD_ADMIN_EMAIL / DASHBOARD_ADMIN_PASSWORD, but only while
/// no user exists. There is never a default password.
/// </summary>
internal sealed class FirstAdminBootstrapper(
    IServiceScopeFactory scopes, IConfiguration configuration, IOptions<NodeOptions> node, ILogger<FirstAdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!node.Value.ServesWeb)
        {
            return; // people sign in on web nodes; a worker neither creates users nor needs the roles
        }

        await using var scope = scopes.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await admin.EnsureRolesAsync();

        var email = configuration["DASHBOARD_ADMIN_EMAIL"];
        var password = configuration["DASHBOARD_ADMIN_PASSWORD"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            if (!await admin.AnyUserAsync())
            {
                logger.LogWarning("No user exists yet. Create the first admin with DASHBOARD_ADMIN_EMAIL and DASHBOARD_ADMIN_PASSWORD, "
                    + "or: dotnet Dashboard.Web.dll users add --email you@example.com --role Admin");
            }

            return;
        }

        if (await admin.AnyUserAsync())
        {
            logger.LogInformation("DASHBOARD_ADMIN_EMAIL is ignored: users already exist");
            return;
        }

        IdentityResult result;
        try
        {
            result = await admin.CreateAsync(email, password, [Roles.Admin], actor: "system (DASHBOARD_ADMIN_EMAIL)");
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            result = IdentityResult.Failed(new IdentityError { Description = "the database refused the new user" });
        }

        if (result.Succeeded)
        {
            logger.LogInformation("Created the first admin {Email} from the environment", email);
        }
        else if (await FirstUserCreatedElsewhereAsync(scopes))
        {
            // Another web node started at the same instant with the same variables and created the admin first.
            logger.LogInformation("DASHBOARD_ADMIN_EMAIL: another node created the first admin at the same time");
        }
        else
        {
            throw new InvalidOperationException("DASHBOARD_ADMIN_EMAIL/DASHBOARD_ADMIN_PASSWORD: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Asked in a fresh scope: the failed attempt's context still tracks the user it could not save.</summary>
    private static async Task<bool> FirstUserCreatedElsewhereAsync(IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().AnyUserAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
