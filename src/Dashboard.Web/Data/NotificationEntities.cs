namespace Dashboard.Web.Data;

public enum NotificationChannel
{
    Webhook = 0,
    Email = 1,
}

public enum NotificationDeliveryState
{
    /// <summary>Claimed by a job execution that is sending it now (or died while sending; reclaimed after a while).</summary>
    Sending = 0,
    Sent = 1,

    /// <summary>The last attempt failed (Error says why); Hangfire's retry sends it again.</summary>
    Failed = 2,
}

/// <summary>
/// The notification about one scan run on one channel. The row is the job's claim: a duplicate or retried execution
/// finds it Sent and sends nothing twice. Deleted with its run.
/// </summary>
public sealed class NotificationDelivery
{
    public long Id { get; set; }
    public long ScanRunId { get; set; }
    public NotificationChannel Channel { get; set; }
    public NotificationDeliveryState State { get; set; }

    /// <summary>How many times a job execution tried to send it.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why the last attempt failed; never contains the webhook URL or the SMTP password.</summary>
    public string? Error { get; set; }
}
