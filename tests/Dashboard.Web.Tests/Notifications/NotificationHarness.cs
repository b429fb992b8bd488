using System.Collections.Concurrent;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Notifications;
using Dashboard.Web.Tests.Features.Findings;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>
/// An app (no job server) with one account whose scans a test records, a fake webhook and a fake SMTP server on
/// 127.0.0.1 configured as its notification channels, and every log line it writes.
/// </summary>
public sealed class NotificationHarness : IAsyncDisposable
{
    public const string DashboardUrl = "https://posture.example.test/";
    public const string From = "posture@example.test";
    public static readonly string[] To = ["security@example.test", "ops@example.test"];

    private NotificationHarness(LifecycleHarness scans, FakeWebhook webhook, FakeSmtpServer smtp, ConcurrentQueue<string> log)
    {
        Scans = scans;
        Webhook = webhook;
        Smtp = smtp;
        Log = log;
    }

    public LifecycleHarness Scans { get; }
    public FakeWebhook Webhook { get; }
    public FakeSmtpServer Smtp { get; }
    public ConcurrentQueue<string> Log { get; }

    public ScanNotificationJob Job => Scans.Get<ScanNotificationJob>();

    /// <summary>A check of the catalog with this severity (findings copy their severity from the catalog).</summary>
    public static string CheckOf(Severity severity) => CheckCatalog.Default.All.First(c => c.Metadata.Severity == severity).Metadata.Id;

    public static CheckResult Fail(Severity severity, string resource, string region = "us-east-1") =>
        LifecycleHarness.Result(resource, ResultStatus.Fail, CheckOf(severity), region);

    public static CheckResult Pass(Severity severity, string resource, string region = "us-east-1") =>
        LifecycleHarness.Result(resource, ResultStatus.Pass, CheckOf(severity), region);

    /// <param name="settings">Notification settings over the defaults below (both channels on, links on).</param>
    public static async Task<NotificationHarness> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, bool webhook = true, bool email = true, bool smtpAuth = false,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var hook = await FakeWebhook.StartAsync();
        var smtp = new FakeSmtpServer { OfferAuthLogin = smtpAuth };
        var log = new ConcurrentQueue<string>();
        var config = new Dictionary<string, string>
        {
            ["Notifications:DashboardUrl"] = DashboardUrl,
            ["Notifications:TimeoutSeconds"] = "10",
        };
        if (webhook)
        {
            config["Notifications:Webhook:Url"] = hook.Url;
        }

        if (email)
        {
            config["Notifications:Smtp:Host"] = "127.0.0.1";
            config["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            config["Notifications:Smtp:Security"] = "None";
            config["Notifications:Smtp:From"] = From;
            config["Notifications:Smtp:To:0"] = To[0];
            config["Notifications:Smtp:To:1"] = To[1];
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        var factory = new DashboardAppFactory
        {
            Provider = provider,
            RunJobs = false,
            Settings = config,
            OverrideServices = services => services.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider(log)),
        };
        var scans = await new LifecycleHarness(factory).InitAsync();
        return new NotificationHarness(scans, hook, smtp, log);
    }

    public Task<ScanRun> ScanAsync(params CheckResult[] results) => Scans.ScanAsync(results);

    public async Task<List<NotificationDelivery>> DeliveriesAsync(long runId)
    {
        await using var db = await Scans.Db.CreateDbContextAsync();
        return await db.NotificationDeliveries.AsNoTracking().Where(n => n.ScanRunId == runId).OrderBy(n => n.Channel).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Scans.Dispose();
        await Webhook.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
