using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Notifications;

/// <summary>
/// Queues the notification job after a scan's results are committed. Never throws: a notification problem must not
/// touch a published scan. Nothing is queued while notifications are off.
/// </summary>
public sealed class ScanNotifications(NotificationChannels channels, IBackgroundJobClient jobs, ILogger<ScanNotifications> logger)
{
    public void AfterPublished(long scanRunId)
    {
        if (!channels.Options.AnyChannel)
        {
            return;
        }

        try
        {
            jobs.Enqueue<ScanNotificationJob>(job => job.RunAsync(scanRunId, CancellationToken.None));
        }
#pragma warning disable CA1031 // the scan is published; a failure to queue its notification is logged, never raised
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Could not queue the notification about scan run {ScanRunId}", scanRunId);
        }
    }
}

/// <summary>
/// Notifies about one completed scan: takes only the run id and is safe to run twice. For each configured channel it
/// first claims a <see cref="NotificationDelivery"/> row (unique per run and channel), then sends, then records Sent
/// or Failed. A duplicate execution finds the claim and sends nothing; a retry after a failure sends only on the
/// channels that failed. When a channel fails the job throws, so Hangfire retries it a bounded number of times.
/// </summary>
public sealed class ScanNotificationJob(
    IDbContextFactory<AppDbContext> dbFactory,
    ChangesQuery changes,
    NotificationChannels channels,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<ScanNotificationJob> logger)
{
    /// <summary>A claim older than this belongs to an execution that died while sending; another may take it over.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    [AutomaticRetry(Attempts = 4, DelaysInSeconds = [30, 120, 600, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Notify about scan run {0}")]
    public async Task RunAsync(long scanRunId, CancellationToken cancellationToken)
    {
        if (!channels.Options.AnyChannel || await ContentAsync(scanRunId, cancellationToken) is not { } content)
        {
            return;
        }

        var failures = new List<string>();
        foreach (var channel in channels.Enabled)
        {
            if (!await ClaimAsync(scanRunId, channel, cancellationToken))
            {
                logger.LogInformation("Notification about scan run {ScanRunId} by {Channel} is already sent or being sent", scanRunId, channel);
                continue;
            }

            DeliveryResult result;
            try
            {
                result = await channels.SendAsync(channel, content, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown: release the claim so that the re-queued job sends it.
                await RecordAsync(scanRunId, channel, new DeliveryResult(channel, false, "stopped by shutdown"));
                throw;
            }

            await RecordAsync(scanRunId, channel, result);
            if (!result.Succeeded)
            {
                failures.Add($"{channel}: {result.Detail}");
            }
        }

        if (failures.Count > 0)
        {
            throw new NotificationFailedException($"Notification about scan run {scanRunId} failed ({string.Join("; ", failures)}); it is retried.");
        }
    }

    /// <summary>
    /// What to send about the run, or null when nothing is due: the run did not complete (failed, cancelled,
    /// interrupted), it is a demo account's, or it brought no unmuted new or regressed finding at the threshold
    /// (unless <see cref="NotificationOptions.NotifyEveryScan"/>).
    /// </summary>
    public async Task<ScanNotificationContent?> ContentAsync(long scanRunId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var diff = await changes.GetRunAsync(scanRunId, settings.MinSeverity, settings.MaxFindings, cancellationToken);
        if (diff is null || diff.Summary.IsDemo)
        {
            logger.LogInformation("No notification about scan run {ScanRunId}: {Why}", scanRunId,
                diff is null ? "the run is not complete (or no longer exists)" : "a demo account");
            return null;
        }

        var content = ScanNotificationContent.From(diff, settings.MinSeverity, settings.DashboardUri);
        return content.OpenedTotal > 0 || settings.NotifyEveryScan ? content : null;
    }

    private async Task<bool> ClaimAsync(long scanRunId, NotificationChannel channel, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.NotificationDeliveries.AsNoTracking().SingleOrDefaultAsync(n => n.ScanRunId == scanRunId && n.Channel == channel, cancellationToken);
        if (existing is null)
        {
            db.NotificationDeliveries.Add(new NotificationDelivery
            {
                ScanRunId = scanRunId, Channel = channel, State = NotificationDeliveryState.Sending, Attempts = 1, UpdatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                return false; // another execution inserted the claim first (the unique index refused ours)
            }
        }

        if (existing.State == NotificationDeliveryState.Sent
            || (existing.State == NotificationDeliveryState.Sending && existing.UpdatedAt > now - ClaimTimeout))
        {
            return false;
        }

        // Take over a failed or abandoned claim only if nobody changed it meanwhile.
        return await db.NotificationDeliveries
            .Where(n => n.Id == existing.Id && n.State == existing.State && n.UpdatedAt == existing.UpdatedAt)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationDeliveryState.Sending)
                .SetProperty(n => n.Attempts, n => n.Attempts + 1)
                .SetProperty(n => n.UpdatedAt, now), cancellationToken) == 1;
    }

    private async Task RecordAsync(long scanRunId, NotificationChannel channel, DeliveryResult result)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.NotificationDeliveries
            .Where(n => n.ScanRunId == scanRunId && n.Channel == channel && n.State == NotificationDeliveryState.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, result.Succeeded ? NotificationDeliveryState.Sent : NotificationDeliveryState.Failed)
                .SetProperty(n => n.UpdatedAt, clock.GetUtcNow())
                .SetProperty(n => n.Error, result.Succeeded ? null : NotificationText.OneLine(result.Detail, 1000)), CancellationToken.None);
    }
}

/// <summary>A channel failed; the message says which and why (no secrets), and Hangfire retries the job.</summary>
public sealed class NotificationFailedException(string message) : Exception(message);
