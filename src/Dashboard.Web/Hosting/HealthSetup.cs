namespace Dashboard.Web.Hosting;

public static class HealthSetup
{
    public const string Path = "/healthz";

    /// <summary>GET /healthz: 200 "Healthy" when the database answers, 503 otherwise.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(Path).AllowAnonymous();
        return app;
    }
}
