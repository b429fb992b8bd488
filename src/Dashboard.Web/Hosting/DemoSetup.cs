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

    /// <summary>Days of weekly history recorded behind the first demo scan, so trends have something to show; 0 = none.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 730)]
    public int HistoryDays { get; set; } = 90;
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
public sealed class DemoSeeder(
    IDbContextFactory<AppDbContext> dbFactory, ScanLauncher launcher, InventorySource inventories, Dashboard.Core.Checks.CheckCatalog catalog,
    Dashboard.Core.Checks.CheckSettings settings, ScanRecorder recorder, Microsoft.Extensions.Options.IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger)
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
                await RecordHistoryAsync(account, now, cancellationToken);
                await launcher.CreateRunAsync(account.Id, "Demo", cancellationToken);
            }

            logger.LogInformation("Demo organisation added; its first scan is queued");
        }

        return await db.ScanRuns
            .Where(r => r.Account.IsDemo && r.State == ScanRunState.Queued)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Weekly scans back to HistoryDays, through the real recorder. The demo inventory is one snapshot, so results are
    /// varied by a stable hash of each finding: some failures appear only recently (new), some were fixed and came
    /// back (regressed), some failed early and pass now (resolved). Errors stay errors.
    /// </summary>
    private async Task RecordHistoryAsync(CloudAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var weeks = options.Value.HistoryDays / 7;
        for (var weeksAgo = weeks; weeksAgo >= 1; weeksAgo--)
        {
            var at = now.AddDays(-7 * weeksAgo).AddHours(-(account.Id % 5));
            var inventory = await inventories.CollectAsync(account, at, cancellationToken);
            var results = catalog.EvaluateAll(new Dashboard.Core.Checks.EvaluationContext(inventory, at) { Settings = settings }).Select(r => Vary(r, weeksAgo)).ToList();
            long runId;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var run = new ScanRun { AccountId = account.Id, State = ScanRunState.Running, Trigger = "Demo", QueuedAt = at, StartedAt = at };
                db.ScanRuns.Add(run);
                await db.SaveChangesAsync(cancellationToken);
                runId = run.Id;
            }

            await recorder.RecordAsync(runId, account.Id, inventory, results, cancellationToken, at);
        }
    }

    internal static Dashboard.Core.Checks.CheckResult Vary(Dashboard.Core.Checks.CheckResult result, int weeksAgo)
    {
        var hash = StableHash(result.CheckId + "|" + result.ResourceId);
        var pass = Dashboard.Core.Checks.ResultStatus.Pass;
        var fail = Dashboard.Core.Checks.ResultStatus.Fail;
        return result.Status switch
        {
            var s when s == fail && hash % 4 == 0 && weeksAgo > (int)(hash % 10) => result with { Status = pass, Reason = "Compliant at the time (demo history)." },
            var s when s == fail && hash % 4 == 1 && weeksAgo is >= 3 and <= 6 => result with { Status = pass, Reason = "Fixed for a while (demo history)." },
            var s when s == pass && hash % 3 == 0 && weeksAgo >= 6 => result with { Status = fail, Reason = "Failing at the time (demo history)." },
            _ => result,
        };
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}

/// <summary>
/// Seeds the demo in the background, so the server starts listening at once: recording the weeks of demo history
/// takes seconds, and the pages show each recorded scan as it lands.
/// </summary>
internal sealed class DemoSeederService(
    DemoSeeder seeder, ScanLauncher launcher, Microsoft.Extensions.Options.IOptions<DemoOptions> options, Microsoft.Extensions.Options.IOptions<NodeOptions> node,
    ILogger<DemoSeederService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Web nodes seed the demo; workers only run the scans it queues.
        if (!options.Value.Enabled || !node.Value.ServesWeb)
        {
            return;
        }

        // Let start-up carry on to the server at once: everything below runs in the background.
        await Task.Yield();
        try
        {
            foreach (var runId in await seeder.PrepareRunsAsync(stoppingToken))
            {
                launcher.Enqueue(runId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Demo seeding stopped by shutdown");
        }
#pragma warning disable CA1031 // a failed demo seed must be reported, not take the app down with it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Recording the demo organisation failed");
        }
    }
}
