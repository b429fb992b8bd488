namespace Dashboard.Web.Hosting;

public static class HealthSetup
{
    /// <summary>GET /healthz: 200 "Healthy" when the database answers, 503 otherwise.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }
}
