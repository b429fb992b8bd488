using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Web.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// Keys that protect session cookies, antiforgery tokens and two-factor state live in the data folder, so they
    /// survive restarts and container re-creation (the default, ~/.aspnet, is lost with the container), and two
    /// installs on one machine never share them.
    /// </summary>
    public static WebApplicationBuilder AddDataProtectionKeys(this WebApplicationBuilder builder)
    {
        var keys = Path.Combine(DatabaseSetup.ResolveDataDirectory(builder.Configuration, builder.Environment), "keys");
        Directory.CreateDirectory(keys);
        builder.Services.AddDataProtection().SetApplicationName("posture-dashboard").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }
}
