using System.Threading.RateLimiting;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Throttles sign-in form posts per client address, on top of Identity's per-account lockout, so one address
/// cannot try passwords against many accounts quickly.
/// </summary>
public static class SignInThrottlingSetup
{
    public static WebApplicationBuilder AddSignInThrottling(this WebApplicationBuilder builder)
    {
        var permitsPerMinute = builder.Configuration.GetValue($"{Security.SecurityOptions.Section}:{nameof(Security.SecurityOptions.SignInAttemptsPerMinute)}", 10);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permitsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
        return builder;
    }
}
