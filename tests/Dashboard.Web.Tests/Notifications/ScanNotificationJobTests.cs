using System.Reflection;
using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Notifications;
using Dashboard.Web.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Web.Tests.Notifications.NotificationHarness;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>The notification job over the real recorder, database, a fake webhook and a fake SMTP server.</summary>
public sealed class ScanNotificationJobTests
{
    private static IEnumerable<JsonElement> Blocks(WebhookRequest request, string type) =>
        request.Json.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == type);

    private static string Text(JsonElement block) => block.GetProperty("text").GetProperty("text").GetString()!;

    private static string Header(WebhookRequest request) => Text(Assert.Single(Blocks(request, "header")));

    private static string Context(WebhookRequest request) => Blocks(request, "context").Single().GetProperty("elements")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task NewCriticalAndHighFindings_PostSlackJson_WithCountsTopFindingsAndLinks()
    {
        await using var h = await StartAsync(email: false);
        var run = await h.ScanAsync(
            Fail(Severity.High, "bucket-b"), Fail(Severity.Critical, "root", "global"), Fail(Severity.High, "bucket-a"),
            Fail(Severity.Medium, "medium-1"), Pass(Severity.High, "fine"));

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        var request = Assert.Single(h.Webhook.Requests);
        Assert.Equal(FakeWebhook.SecretPath, request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("Acme 1111: 3 new critical/high findings", Header(request));
        Assert.StartsWith("Acme 1111: 3 new critical/high findings", request.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        var sections = Blocks(request, "section").Select(Text).ToList();
        Assert.Contains("*Account:* Acme 1111 (111122223333)", sections[0], StringComparison.Ordinal);
        Assert.Contains("1 critical · 2 high", sections[0], StringComparison.Ordinal);
        Assert.Contains("*All changes:* 4 new · 0 regressed · 0 resolved", sections[0], StringComparison.Ordinal);

        // The worst first; the medium finding is below the threshold and not listed.
        var findings = sections.Skip(1).ToList();
        Assert.Equal(3, findings.Count);
        Assert.StartsWith("*Critical* · new · `" + CheckOf(Severity.Critical) + "`", findings[0], StringComparison.Ordinal);
        Assert.All(findings.Skip(1), f => Assert.StartsWith("*High* · new", f, StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("medium-1", StringComparison.Ordinal));
        var root = await h.Scans.FindingAsync("root", CheckOf(Severity.Critical));
        Assert.Contains($"root · global · <{DashboardUrl}findings/{root.Id}|Open finding>", findings[0], StringComparison.Ordinal);
        Assert.Equal($"<{DashboardUrl}changes?run={run.Id}|All changes of this scan>", Context(request));

        var delivery = Assert.Single(await h.DeliveriesAsync(run.Id));
        Assert.Equal((NotificationChannel.Webhook, NotificationDeliveryState.Sent, 1, (string?)null), (delivery.Channel, delivery.State, delivery.Attempts, delivery.Error));
    }

    [Fact]
    public async Task NewHighFindings_SendOneEmail_WithHeadersPlainTextAndHtml()
    {
        await using var h = await StartAsync(webhook: false);
        var run = await h.ScanAsync(Fail(Severity.Critical, "root", "global"), Fail(Severity.High, "bucket-a"));

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        var mail = Assert.Single(h.Smtp.Received);
        Assert.Equal(From, mail.MailFrom);
        Assert.Equal(To, mail.RcptTo);
        Assert.Null(mail.AuthUser);
        Assert.Equal("Acme 1111: 2 new critical/high findings", mail.Header("Subject"));
        Assert.Contains(From, mail.Header("From"), StringComparison.Ordinal);
        Assert.Contains(To[0], mail.Header("To"), StringComparison.Ordinal);
        Assert.Contains(To[1], mail.Header("To"), StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Header("Auto-Submitted"));
        Assert.StartsWith("multipart/alternative", mail.Header("Content-Type"), StringComparison.Ordinal);

        var root = await h.Scans.FindingAsync("root", CheckOf(Severity.Critical));
        var text = mail.Part("text/plain");
        Assert.Contains("Account: Acme 1111 (111122223333)", text, StringComparison.Ordinal);
        Assert.Contains("New or regressed, critical/high: 1 critical · 1 high", text, StringComparison.Ordinal);
        Assert.Contains($"- [Critical] {CheckOf(Severity.Critical)}: ", text, StringComparison.Ordinal);
        Assert.Contains($"  root in global (new)\r\n  {DashboardUrl}findings/{root.Id}", text, StringComparison.Ordinal);
        Assert.Contains($"All changes of this scan: {DashboardUrl}changes?run={run.Id}", text, StringComparison.Ordinal);
        var html = mail.Part("text/html");
        Assert.Contains($"<a href=\"{DashboardUrl}findings/{root.Id}\">root</a>", html, StringComparison.Ordinal);
        Assert.Contains("<b>1 critical &#xB7; 1 high</b>", html, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DuplicateConcurrentAndRetriedExecutions_SendEachChannelOnce(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider: provider);
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));

        await Task.WhenAll(h.Job.RunAsync(run.Id, CancellationToken.None), h.Job.RunAsync(run.Id, CancellationToken.None));
        await h.Job.RunAsync(run.Id, CancellationToken.None);

        Assert.Single(h.Webhook.Requests);
        Assert.Single(h.Smtp.Received);
        Assert.All(await h.DeliveriesAsync(run.Id), d => Assert.Equal((NotificationDeliveryState.Sent, 1), (d.State, d.Attempts)));
    }

    [Fact]
    public async Task OnlyMediumNewFindings_BelowTheDefaultThreshold_SendNothing()
    {
        await using var h = await StartAsync();
        var run = await h.ScanAsync(Fail(Severity.Medium, "m1"), Fail(Severity.Low, "l1"), Pass(Severity.High, "fine"));

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        Assert.Empty(h.Webhook.Requests);
        Assert.Empty(h.Smtp.Received);
        Assert.Empty(await h.DeliveriesAsync(run.Id));
    }

    [Fact]
    public async Task MinSeverityMedium_NotifiesAboutMediumFindings()
    {
        await using var h = await StartAsync(new Dictionary<string, string> { ["Notifications:MinSeverity"] = "Medium" }, email: false);
        var run = await h.ScanAsync(Fail(Severity.Medium, "m1"), Fail(Severity.Low, "l1"));

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        var request = Assert.Single(h.Webhook.Requests);
        Assert.Equal("Acme 1111: 1 new critical/high/medium finding", Header(request));
    }

    [Fact]
    public async Task StillFailingOrResolvedFindings_SendNothing_ButARegressionNotifies()
    {
        await using var h = await StartAsync(email: false);
        await h.ScanAsync(Fail(Severity.High, "a"), Fail(Severity.High, "b"));
        var unchanged = await h.ScanAsync(Fail(Severity.High, "a"), Fail(Severity.High, "b"));
        var resolved = await h.ScanAsync(Fail(Severity.High, "a"), Pass(Severity.High, "b"));
        var regressed = await h.ScanAsync(Fail(Severity.High, "a"), Fail(Severity.High, "b"));
        h.Webhook.Requests.Clear();

        await h.Job.RunAsync(unchanged.Id, CancellationToken.None);
        await h.Job.RunAsync(resolved.Id, CancellationToken.None);
        Assert.Empty(h.Webhook.Requests);

        await h.Job.RunAsync(regressed.Id, CancellationToken.None);
        var request = Assert.Single(h.Webhook.Requests);
        var sections = Blocks(request, "section").Select(Text).ToList();
        Assert.Contains("1 high (1 regressed)", sections[0], StringComparison.Ordinal);
        Assert.StartsWith("*High* · regressed", Assert.Single(sections.Skip(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutedHighFindings_DoNotNotify_AndAreCountedApart()
    {
        await using var h = await StartAsync(email: false);
        await using (var db = await h.Scans.Db.CreateDbContextAsync())
        {
            db.MuteRules.Add(new MuteRule { ResourcePattern = "muted-*", Justification = "accepted", CreatedBy = "test", CreatedAt = h.Scans.Factory.Clock.Now });
            await db.SaveChangesAsync();
        }

        var onlyMuted = await h.ScanAsync(Fail(Severity.High, "muted-1"));
        await h.Job.RunAsync(onlyMuted.Id, CancellationToken.None);
        Assert.Empty(h.Webhook.Requests);

        var mixed = await h.ScanAsync(Fail(Severity.High, "muted-1"), Fail(Severity.High, "muted-2"), Fail(Severity.Critical, "open-1"));
        await h.Job.RunAsync(mixed.Id, CancellationToken.None);
        var request = Assert.Single(h.Webhook.Requests);
        Assert.Equal("Acme 1111: 1 new critical/high finding", Header(request));
        Assert.Contains("_1 more hidden by mute rules._", Text(Blocks(request, "section").First()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScanRunState.Cancelled)]
    [InlineData(ScanRunState.Failed)]
    [InlineData(ScanRunState.Interrupted)]
    [InlineData(ScanRunState.Running)]
    public async Task RunsThatDidNotComplete_SendNothing(ScanRunState state)
    {
        await using var h = await StartAsync();
        var run = await h.ScanAsync(Fail(Severity.Critical, "root", "global"));
        await using (var db = await h.Scans.Db.CreateDbContextAsync())
        {
            await db.ScanRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state));
        }

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        Assert.Empty(h.Webhook.Requests);
        Assert.Empty(h.Smtp.Received);
        Assert.Empty(await h.DeliveriesAsync(run.Id));
    }

    [Fact]
    public async Task DemoAccounts_NeverNotify()
    {
        await using var h = await StartAsync();
        await using (var db = await h.Scans.Db.CreateDbContextAsync())
        {
            await db.Accounts.Where(a => a.Id == h.Scans.AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDemo, true));
        }

        var run = await h.ScanAsync(Fail(Severity.Critical, "root", "global"));
        await h.Job.RunAsync(run.Id, CancellationToken.None);

        Assert.Empty(h.Webhook.Requests);
        Assert.Empty(h.Smtp.Received);
    }

    [Fact]
    public async Task NotificationsOff_QueueNothing_AndTheJobSendsNothing()
    {
        await using var h = await StartAsync(webhook: false, email: false);
        var run = await h.ScanAsync(Fail(Severity.Critical, "root", "global"));
        var jobs = new RecordingJobClient();

        new ScanNotifications(h.Scans.Get<NotificationChannels>(), jobs, h.Scans.Get<Microsoft.Extensions.Logging.ILogger<ScanNotifications>>()).AfterPublished(run.Id);
        await h.Job.RunAsync(run.Id, CancellationToken.None);

        Assert.Empty(jobs.Created);
        Assert.Empty(h.Webhook.Requests);
        Assert.Empty(h.Smtp.Received);
        Assert.Empty(await h.DeliveriesAsync(run.Id));
    }

    [Fact]
    public async Task NotificationsOn_QueueTheJobWithTheRunIdOnly()
    {
        await using var h = await StartAsync(email: false);
        var jobs = new RecordingJobClient();

        new ScanNotifications(h.Scans.Get<NotificationChannels>(), jobs, h.Scans.Get<Microsoft.Extensions.Logging.ILogger<ScanNotifications>>()).AfterPublished(42);

        var job = Assert.Single(jobs.Created);
        Assert.Equal((typeof(ScanNotificationJob), nameof(ScanNotificationJob.RunAsync)), (job.Type, job.Method.Name));
        Assert.Equal(42L, job.Args[0]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WebhookAnswering500_FailsTheJobForARetry_KeepsTheRun_AndTheRetrySendsOnlyWhatFailed(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider: provider);
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));
        h.Webhook.StatusCode = 500;

        var failure = await Assert.ThrowsAsync<NotificationFailedException>(() => h.Job.RunAsync(run.Id, CancellationToken.None));

        Assert.Contains("Webhook: HTTP 500 Internal Server Error: invalid_payload", failure.Message, StringComparison.Ordinal);
        var deliveries = await h.DeliveriesAsync(run.Id);
        Assert.Equal((NotificationDeliveryState.Failed, "HTTP 500 Internal Server Error: invalid_payload"), (deliveries[0].State, deliveries[0].Error));
        Assert.Equal(NotificationDeliveryState.Sent, deliveries[1].State);
        await using (var db = await h.Scans.Db.CreateDbContextAsync())
        {
            var stored = await db.ScanRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
            Assert.Equal((ScanRunState.Completed, 1), (stored.State, stored.NewCount));
        }

        // The reason is logged; the webhook URL's secret path never is.
        Assert.Contains(h.Log, l => l.Contains("Warning", StringComparison.Ordinal) && l.Contains("HTTP 500", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Log, l => l.Contains(FakeWebhook.SecretPath, StringComparison.Ordinal) || l.Contains("s3cr3t", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", failure.Message, StringComparison.Ordinal);

        // Hangfire retries a bounded number of times.
        var retry = typeof(ScanNotificationJob).GetMethod(nameof(ScanNotificationJob.RunAsync))!.GetCustomAttribute<AutomaticRetryAttribute>()!;
        Assert.InRange(retry.Attempts, 1, 10);

        h.Webhook.StatusCode = 200;
        await h.Job.RunAsync(run.Id, CancellationToken.None);

        Assert.Equal(2, h.Webhook.Requests.Count);
        Assert.Single(h.Smtp.Received);
        deliveries = await h.DeliveriesAsync(run.Id);
        Assert.Equal((NotificationDeliveryState.Sent, 2, (string?)null), (deliveries[0].State, deliveries[0].Attempts, deliveries[0].Error));
        Assert.Equal(1, deliveries[1].Attempts);
    }

    [Fact]
    public async Task WebhookThatNeverAnswers_FailsAfterTheTimeout()
    {
        await using var h = await StartAsync(new Dictionary<string, string> { ["Notifications:TimeoutSeconds"] = "1" }, email: false);
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));
        h.Webhook.Hang = true;

        var failure = await Assert.ThrowsAsync<NotificationFailedException>(() => h.Job.RunAsync(run.Id, CancellationToken.None));

        Assert.Contains("no answer within 1 s", failure.Message, StringComparison.Ordinal);
        var delivery = Assert.Single(await h.DeliveriesAsync(run.Id));
        Assert.Equal((NotificationDeliveryState.Failed, "no answer within 1 s"), (delivery.State, delivery.Error));
    }

    [Fact]
    public async Task StartTls_AgainstAServerWithoutIt_IsRefused_AndNothingIsSentInClear()
    {
        await using var h = await StartAsync(new Dictionary<string, string> { ["Notifications:Smtp:Security"] = "StartTls" }, webhook: false);
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));

        var failure = await Assert.ThrowsAsync<NotificationFailedException>(() => h.Job.RunAsync(run.Id, CancellationToken.None));

        Assert.Contains("Email: SMTP error", failure.Message, StringComparison.Ordinal);
        Assert.Empty(h.Smtp.Received);
        Assert.Equal(NotificationDeliveryState.Failed, Assert.Single(await h.DeliveriesAsync(run.Id)).State);
    }

    [Fact]
    public async Task SmtpCredentials_AreUsed_AndThePasswordIsNeverLogged()
    {
        const string Password = "smtp-pa55word-never-logged";
        await using var h = await StartAsync(
            new Dictionary<string, string> { ["Notifications:Smtp:Username"] = "notifier", ["Notifications:Smtp:Password"] = Password },
            webhook: false, smtpAuth: true);
        var run = await h.ScanAsync(Fail(Severity.High, "bucket-a"));

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        var mail = Assert.Single(h.Smtp.Received);
        Assert.Equal(("notifier", Password), (mail.AuthUser, mail.AuthPassword));
        Assert.DoesNotContain(h.Log, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyNewFindings_ListOnlyMaxFindings_AndCountTheRest()
    {
        await using var h = await StartAsync(new Dictionary<string, string> { ["Notifications:MaxFindings"] = "3" });
        var run = await h.ScanAsync([.. Enumerable.Range(1, 5).Select(i => Fail(Severity.High, $"bucket-{i}")), Fail(Severity.Critical, "root", "global")]);

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        var request = Assert.Single(h.Webhook.Requests);
        var findings = Blocks(request, "section").Skip(1).Select(Text).ToList();
        Assert.Equal(3, findings.Count);
        Assert.StartsWith("*Critical*", findings[0], StringComparison.Ordinal);
        Assert.StartsWith("and 3 more. ", Context(request), StringComparison.Ordinal);
        Assert.Equal("Acme 1111: 6 new critical/high findings", Header(request));
        var text = Assert.Single(h.Smtp.Received).Part("text/plain");
        Assert.Equal(3, text.Split("\n").Count(l => l.StartsWith("- [", StringComparison.Ordinal)));
        Assert.Contains("and 3 more.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyEveryScan_SendsASummary_EvenWithoutNewFindings()
    {
        await using var h = await StartAsync(new Dictionary<string, string> { ["Notifications:NotifyEveryScan"] = "true" }, email: false);
        var run = await h.ScanAsync(Pass(Severity.High, "fine"), Fail(Severity.Low, "low-1"));

        await h.Job.RunAsync(run.Id, CancellationToken.None);

        var request = Assert.Single(h.Webhook.Requests);
        Assert.Equal("Acme 1111: scan complete, no new critical/high findings", Header(request));
        Assert.Contains("*All changes:* 1 new · 0 regressed · 0 resolved", Text(Blocks(request, "section").First()), StringComparison.Ordinal);
    }

    /// <summary>Records the jobs created instead of storing them.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Hangfire.Common.Job> Created { get; } = [];

        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => false;
    }
}
