using Dashboard.Core.Demo;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hosting;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Record the bundled demo organisation on first start so a new user sees findings at once.</summary>
    public bool Enabled { get; set; } = true;
}

public static class DemoSetup
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddTransient<DemoSeeder>();
        builder.Services.AddHostedService<DemoSeederService>();
        return builder;
    }
}

/// <summary>
/// Adds the demo accounts and queues a scan of each, through the same evaluate → record path as a real scan.
/// Runs whose job was lost (the in-memory job queue does not survive a restart) are queued again.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<AppDbContext> dbFactory, ScanLauncher launcher, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>Creates the demo accounts if none exist; returns the ids of demo runs waiting to be executed.</summary>
    public async Task<IReadOnlyList<long>> PrepareRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AnyAsync(a => a.IsDemo, cancellationToken))
        {
            var now = clock.GetUtcNow();
            foreach (var demo in DemoOrganization.Accounts(now))
            {
                var account = new CloudAccount { AwsAccountId = demo.AccountId, Name = demo.Name, IsDemo = true, CreatedAt = now };
                db.Accounts.Add(account);
                await db.SaveChangesAsync(cancellationToken);
                await launcher.CreateRunAsync(account.Id, "Demo", cancellationToken);
            }

            logger.LogInformation("Demo organisation added; its first scan is queued");
        }

        return await db.ScanRuns
            .Where(r => r.Account.IsDemo && r.State == ScanRunState.Queued)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }
}

internal sealed class DemoSeederService(
    DemoSeeder seeder, ScanLauncher launcher, Microsoft.Extensions.Options.IOptions<DemoOptions> options, Microsoft.Extensions.Options.IOptions<NodeOptions> node) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Web nodes seed the demo; workers only run the scans it queues.
        if (!options.Value.Enabled || !node.Value.ServesWeb)
        {
            return;
        }

        foreach (var runId in await seeder.PrepareRunsAsync(cancellationToken))
        {
            launcher.Enqueue(runId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
