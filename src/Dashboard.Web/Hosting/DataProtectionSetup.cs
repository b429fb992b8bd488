using Dashboard.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Web.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// Keys that protect session cookies, antiforgery tokens and two-factor state live in the database, so they
    /// survive restarts and container re-creation, and every web node of a scaled-out install reads the same key
    /// ring: a cookie or form issued by one node is accepted by the others. Two installs never share a database,
    /// so they never share keys.
    /// </summary>
    public static WebApplicationBuilder AddDataProtectionKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("posture-dashboard").PersistKeysToDbContext<AppDbContext>();
        return builder;
    }
}
