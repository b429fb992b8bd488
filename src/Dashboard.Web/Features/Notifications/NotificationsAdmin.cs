using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Notifications;

public sealed record DeliveryRow(long ScanRunId, string AccountName, NotificationChannel Channel, NotificationDeliveryState State, int Attempts, DateTimeOffset UpdatedAt, string? Error);

/// <summary>The admin page's query (recent deliveries) and its one command: send a test notification now.</summary>
public sealed class NotificationsAdmin(
    IDbContextFactory<AppDbContext> dbFactory, ChangesQuery changes, NotificationChannels channels, IOptions<NotificationOptions> options, AuditLog audit)
{
    public async Task<IReadOnlyList<DeliveryRow>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (
                from n in db.NotificationDeliveries.AsNoTracking()
                join r in db.ScanRuns on n.ScanRunId equals r.Id
                orderby n.UpdatedAt descending, n.Id descending
                select new DeliveryRow(n.ScanRunId, r.Account.Name, n.Channel, n.State, n.Attempts, n.UpdatedAt, n.Error))
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Sends, on every configured channel, what the latest complete scan (of any account, demo included) would have
    /// sent, marked as a test; a sample when no scan has completed. Nothing is recorded against the run. Audited.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendTestAsync(string actor, string? actorId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        long? latest;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            latest = await db.ScanRuns.Where(r => r.State == ScanRunState.Completed).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var diff = latest is { } id ? await changes.GetRunAsync(id, settings.MinSeverity, settings.MaxFindings, cancellationToken) : null;
        var content = diff is null
            ? ScanNotificationContent.Sample(settings.MinSeverity, settings.DashboardUri)
            : ScanNotificationContent.From(diff, settings.MinSeverity, settings.DashboardUri, isTest: true);
        var results = new List<DeliveryResult>();
        foreach (var channel in channels.Enabled)
        {
            results.Add(await channels.SendAsync(channel, content, cancellationToken));
        }

        await audit.WriteAsync(
            "notifications.test", actor, actorId,
            target: results.Count == 0 ? "no channel configured" : string.Join(", ", results.Select(r => $"{r.Channel} {channels.Destination(r.Channel)}")),
            succeeded: results.Count > 0 && results.All(r => r.Succeeded),
            details: string.Join("; ", results.Select(r => $"{r.Channel}: {r.Detail}")));
        return results;
    }
}
