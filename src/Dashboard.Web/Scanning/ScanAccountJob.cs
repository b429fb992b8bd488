using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Scanning;

/// <summary>
/// Collect → evaluate → record for one scan run. Takes only the run id and is safe to run twice: it claims the
/// run (Queued → Running) with a conditional update, so a duplicate execution finds nothing to claim and exits.
/// </summary>
public sealed class ScanAccountJob(
    IDbContextFactory<AppDbContext> dbFactory,
    InventorySource inventories,
    CheckCatalog catalog,
    ScanRecorder recorder,
    TimeProvider clock,
    ILogger<ScanAccountJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scan run {0}")]
    public async Task RunAsync(long scanRunId, CancellationToken cancellationToken)
    {
        CloudAccount account;
        var startedAt = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var claimed = await db.ScanRuns
                .Where(r => r.Id == scanRunId && r.State == ScanRunState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ScanRunState.Running).SetProperty(r => r.StartedAt, startedAt), cancellationToken);
            if (claimed == 0)
            {
                logger.LogInformation("Scan run {ScanRunId} is not queued any more; nothing to do", scanRunId);
                return;
            }

            account = await db.ScanRuns.Where(r => r.Id == scanRunId).Select(r => r.Account).SingleAsync(cancellationToken);
        }

        using var scope = logger.BeginScope("Scan run {ScanRunId} of {AwsAccountId}", scanRunId, account.AwsAccountId);
        try
        {
            var inventory = await inventories.CollectAsync(account, startedAt, cancellationToken);
            var results = catalog.EvaluateAll(new EvaluationContext(inventory, startedAt));
            var summary = await recorder.RecordAsync(scanRunId, account.Id, inventory, results, cancellationToken);
            logger.LogInformation(
                "Scan run {ScanRunId} of {AwsAccountId} completed in {ElapsedMs} ms: {Pass} pass, {Fail} fail, {Error} error",
                scanRunId, account.AwsAccountId, (clock.GetUtcNow() - startedAt).TotalMilliseconds, summary.PassCount, summary.FailCount, summary.ErrorCount);
        }
#pragma warning disable CA1031 // any failure must end the run as Failed with its reason, never leave it Running
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Scan run {ScanRunId} of {AwsAccountId} failed", scanRunId, account.AwsAccountId);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.ScanRuns.Where(r => r.Id == scanRunId && r.State == ScanRunState.Running)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.State, ScanRunState.Failed)
                    .SetProperty(r => r.CompletedAt, clock.GetUtcNow())
                    .SetProperty(r => r.Error, ex.Message), CancellationToken.None);
        }
    }
}
