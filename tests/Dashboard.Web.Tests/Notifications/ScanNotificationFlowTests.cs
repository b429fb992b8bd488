using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Dashboard.Web.Tests.Scanning;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>Scan now → Hangfire → fake AWS → published run → notification job → webhook, with Hangfire running for real.</summary>
[Collection(ScanTestsCollection.Name)]
public sealed class ScanNotificationFlowTests
{
    private static async Task<(FakeAwsScanHarness Scan, long RunId, ScanRun Run)> ScanWithWebhookAsync(FakeWebhook webhook)
    {
        var h = await FakeAwsScanHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Jobs:HeartbeatMilliseconds"] = "200",
            ["Notifications:Webhook:Url"] = webhook.Url,
        });
        var accountId = await h.AddAccountAsync();
        var runId = (await h.App.Services.GetRequiredService<ScanRequests>().RequestAsync(accountId, "operator", null, CancellationToken.None))!.Value;
        var run = await h.WaitForRunAsync(runId, r => r.State is not (ScanRunState.Queued or ScanRunState.Running));
        return (h, runId, run);
    }

    private static async Task<NotificationDelivery> WaitForDeliveryAsync(FakeAwsScanHarness h, long runId, NotificationDeliveryState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = await h.DbAsync();
            var delivery = await db.NotificationDeliveries.AsNoTracking().SingleOrDefaultAsync(n => n.ScanRunId == runId);
            if (delivery?.State == state)
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the notification of run {runId} is {delivery?.State.ToString() ?? "missing"}: {delivery?.Error}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task CompletedScan_WithNewHighFindings_PostsTheWebhookAfterPublication()
    {
        await using var webhook = await FakeWebhook.StartAsync();
        var (h, runId, run) = await ScanWithWebhookAsync(webhook);
        await using var _ = h;

        Assert.Equal(ScanRunState.Completed, run.State);
        await WaitForDeliveryAsync(h, runId, NotificationDeliveryState.Sent);
        var request = Assert.Single(webhook.Requests);
        Assert.StartsWith("Fake management: ", request.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Scan #{runId} completed", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingWebhook_LeavesTheScanCompleted_AndRecordsTheFailure()
    {
        await using var webhook = await FakeWebhook.StartAsync();
        webhook.StatusCode = 500;
        var (h, runId, run) = await ScanWithWebhookAsync(webhook);
        await using var _ = h;

        var delivery = await WaitForDeliveryAsync(h, runId, NotificationDeliveryState.Failed);

        Assert.Equal(ScanRunState.Completed, run.State);
        Assert.Null(run.Error);
        Assert.StartsWith("HTTP 500", delivery.Error, StringComparison.Ordinal);
        await using var db = await h.DbAsync();
        Assert.True(await db.Findings.AnyAsync(f => f.LastScanRunId == runId), "the scan's results are published");
    }
}
