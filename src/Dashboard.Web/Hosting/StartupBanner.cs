using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Web.Hosting;

public static class StartupBanner
{
    /// <summary>Prints where the dashboard is served and where its data lives, once the server listens.</summary>
    public static WebApplication PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var dataDirectory = DatabaseSetup.ResolveDataDirectory(app.Configuration, app.Environment);
            app.Logger.LogInformation("Dashboard ready at {Urls} (data folder: {DataDirectory})", string.Join(", ", addresses), dataDirectory);
        });
        return app;
    }
}
