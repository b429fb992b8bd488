using System.ComponentModel.DataAnnotations;
using Dashboard.Web.Data;

namespace Dashboard.Web.Hosting;

/// <summary>What one process of a scaled-out install does (configuration key <c>Node:Role</c>).</summary>
public enum NodeRole
{
    /// <summary>Pages, API and the job server in one process: the single-node default.</summary>
    All,

    /// <summary>Pages, API and the jobs dashboard; enqueues jobs for the workers but runs none.</summary>
    Web,

    /// <summary>Runs jobs; serves only /healthz.</summary>
    Worker,
}

public sealed class NodeOptions
{
    public const string Section = "Node";

    [EnumDataType(typeof(NodeRole))]
    public NodeRole Role { get; set; } = NodeRole.All;

    /// <summary>Serves pages, the API and the jobs dashboard, and does the start-up work that belongs to the web
    /// (first admin, demo organisation).</summary>
    public bool ServesWeb => Role is NodeRole.All or NodeRole.Web;

    /// <summary>Runs a Hangfire server that executes jobs.</summary>
    public bool RunsJobs => Role is NodeRole.All or NodeRole.Worker;
}

public static class NodeSetup
{
    /// <summary>
    /// Reads Node:Role, which decides what the other setup steps register and map. A value that is not a role, or
    /// a split role on SQLite, stops the app here with a message naming Node:Role.
    /// </summary>
    public static NodeOptions AddNodeRole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        if (node.Role != NodeRole.All && DatabaseSetup.ProviderOf(builder.Configuration) != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                $"Node:Role '{node.Role}' needs Database:Provider 'Postgres': on SQLite the job queue lives in one process's memory, "
                + "so web and worker nodes cannot share it. Use Node:Role 'All' on SQLite.");
        }

        return node;
    }

    /// <summary>
    /// The whole HTTP side of a worker: /healthz, and 404 for everything else. The 404 comes before
    /// authentication, so no request is sent to a sign-in page that a worker does not serve.
    /// </summary>
    public static WebApplication MapWorkerNode(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals(HealthSetup.Path, StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.PrintStartupBanner();
        return app;
    }
}
