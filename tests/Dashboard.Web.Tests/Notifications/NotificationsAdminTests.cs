using Bunit;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Notifications;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Severity = Dashboard.Core.Checks.Severity;
using static Dashboard.Web.Tests.Notifications.NotificationHarness;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>The admin page: channel status, recent deliveries, and "Send test notification".</summary>
public sealed class NotificationsAdminTests
{
    private static async Task<AuditEvent> LastAuditAsync(NotificationHarness h)
    {
        await using var db = await h.Scans.Db.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(a => a.Action == "notifications.test").OrderByDescending(a => a.Id).FirstAsync();
    }

    /// <summary>bUnit over the harness's app, signed in as an Admin.</summary>
    private static PageTestContext AdminContext(NotificationHarness h)
    {
        var context = new PageTestContext(h.Scans.Factory);
        context.SignIn(Roles.Admin, Policies.Admin);
        return context;
    }

    [Fact]
    public async Task SendTest_SendsTheLatestScanMarkedAsTest_OnEveryChannel_AndAuditsIt()
    {
        await using var h = await StartAsync();
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));

        var results = await h.Scans.Get<NotificationsAdmin>().SendTestAsync("admin@test.local", "admin-id", CancellationToken.None);

        Assert.Equal([(NotificationChannel.Webhook, true, "sent"), (NotificationChannel.Email, true, "sent")], results.Select(r => (r.Channel, r.Succeeded, r.Detail)));
        Assert.StartsWith("[Test] Acme 1111: 1 new critical/high finding", Assert.Single(h.Webhook.Requests).Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("[Test] Acme 1111: 1 new critical/high finding", Assert.Single(h.Smtp.Received).Header("Subject"));
        Assert.Empty(await h.DeliveriesAsync(run.Id)); // a test does not count as the run's notification
        var audit = await LastAuditAsync(h);
        Assert.True(audit.Succeeded);
        Assert.Equal("admin@test.local", audit.Actor);
        Assert.DoesNotContain(FakeWebhook.SecretPath, audit.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTest_ReportsAFailingChannelsReason_AndAuditsTheFailure()
    {
        await using var h = await StartAsync(email: false);
        h.Webhook.StatusCode = 404;

        var result = Assert.Single(await h.Scans.Get<NotificationsAdmin>().SendTestAsync("admin@test.local", null, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal("HTTP 404 Not Found: invalid_payload", result.Detail);
        Assert.StartsWith("[Test] No scan yet", Assert.Single(h.Webhook.Requests).Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        var audit = await LastAuditAsync(h);
        Assert.False(audit.Succeeded);
        Assert.Contains("HTTP 404", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsChannelsAndDeliveries_AndTheTestButtonReportsTheOutcome()
    {
        await using var h = await StartAsync();
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));
        await h.Job.RunAsync(run.Id, CancellationToken.None);
        await using var context = AdminContext(h);

        var page = context.Render<NotificationsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-testid=notification-delivery]").Count));
        var webhook = page.Find("[data-testid=channel-webhook]").TextContent;
        Assert.StartsWith("on: http://127.0.0.1:", webhook, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", page.Markup, StringComparison.Ordinal);
        Assert.Contains($"on: 127.0.0.1:{h.Smtp.Port} (None) to {To[0]}, {To[1]}", page.Find("[data-testid=channel-email]").TextContent, StringComparison.Ordinal);

        h.Webhook.StatusCode = 500;
        await page.Find("button[data-testid=notification-test]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=notification-test-result]").Count));
        var outcomes = page.FindAll("[data-testid=notification-test-result]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Webhook: HTTP 500 Internal Server Error: invalid_payload", "Email: sent"], outcomes);
    }

    [Fact]
    public async Task Page_WithNotificationsOff_SaysSo_AndDisablesTheTestButton()
    {
        await using var h = await StartAsync(webhook: false, email: false);
        await using var context = AdminContext(h);

        var page = context.Render<NotificationsPage>();

        Assert.StartsWith("off", page.Find("[data-testid=channel-webhook]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("off", page.Find("[data-testid=channel-email]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("button[data-testid=notification-test]").HasAttribute("disabled"));
    }
}
