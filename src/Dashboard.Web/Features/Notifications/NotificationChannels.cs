using System.Net;
using System.Net.Mail;
using System.Text;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Notifications;

/// <summary>How one delivery went: "sent", or the reason it failed (safe to log, store and show: no secrets).</summary>
public sealed record DeliveryResult(NotificationChannel Channel, bool Succeeded, string Detail);

/// <summary>
/// Delivers a notification on one channel within <c>Notifications:TimeoutSeconds</c>. Never throws for a delivery
/// problem: the result says what went wrong, with the webhook URL reduced to its host and the SMTP password never
/// included. Only the caller's cancellation (shutdown) propagates.
/// </summary>
public sealed class NotificationChannels(IOptions<NotificationOptions> options, IHttpClientFactory httpClients, ILogger<NotificationChannels> logger)
{
    public const string HttpClientName = "notifications";

    /// <summary>The notification settings (as configured; secrets included, so never render them whole).</summary>
    public NotificationOptions Options => options.Value;

    /// <summary>The configured channels; empty means notifications are off.</summary>
    public IEnumerable<NotificationChannel> Enabled
    {
        get
        {
            if (Options.Webhook.Enabled)
            {
                yield return NotificationChannel.Webhook;
            }

            if (Options.Smtp.Enabled)
            {
                yield return NotificationChannel.Email;
            }
        }
    }

    /// <summary>Where a channel delivers, as it may be shown: the webhook's host, the SMTP server and the recipients.</summary>
    public string Destination(NotificationChannel channel) => channel == NotificationChannel.Webhook
        ? Options.Webhook.Redacted
        : $"{Options.Smtp.Redacted} ({Options.Smtp.Security}) to {string.Join(", ", Options.Smtp.To)}";

    public async Task<DeliveryResult> SendAsync(NotificationChannel channel, ScanNotificationContent content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        string? failure;
        try
        {
            failure = channel == NotificationChannel.Webhook
                ? await PostWebhookAsync(SlackPayload.Render(content), timeout.Token)
                : await SendEmailAsync(NotificationEmail.Render(content), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"no answer within {Options.TimeoutSeconds} s";
        }
        catch (HttpRequestException ex)
        {
            failure = $"request failed: {Describe(ex)}";
        }
        catch (SmtpException ex)
        {
            failure = $"SMTP error ({ex.StatusCode}): {Describe(ex)}";
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or InvalidOperationException or FormatException)
        {
            failure = Describe(ex);
        }

        if (failure is null)
        {
            logger.LogInformation("Notification about scan run {ScanRunId} sent by {Channel} to {Destination}", content.ScanRunId, channel, Destination(channel));
            return new DeliveryResult(channel, true, "sent");
        }

        failure = Redact(failure);
        logger.LogWarning("Notification about scan run {ScanRunId} by {Channel} to {Destination} failed: {Reason}", content.ScanRunId, channel, Destination(channel), failure);
        return new DeliveryResult(channel, false, failure);
    }

    /// <summary>Posts the JSON; any answer but 2xx is a failure (redirects are not followed), with the start of its body.</summary>
    private async Task<string?> PostWebhookAsync(string json, CancellationToken cancellationToken)
    {
        using var client = httpClients.CreateClient(HttpClientName);
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(Options.Webhook.Url!), body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" + (answer.Length > 0 ? $": {NotificationText.OneLine(answer, 200)}" : "");
    }

    private async Task<string?> SendEmailAsync(NotificationEmail email, CancellationToken cancellationToken)
    {
        var smtp = Options.Smtp;
        using var message = email.ToMessage(smtp);
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.Security == SmtpSecurity.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            UseDefaultCredentials = false,
        };
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
        return null;
    }

    /// <summary>The exception's message and its inner ones ("Failure sending mail. → Connection refused").</summary>
    private static string Describe(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null && messages.Count < 4; e = e.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(e.Message) && !messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return NotificationText.OneLine(string.Join(" → ", messages), 600);
    }

    /// <summary>A message must never carry the webhook URL (its path is the secret) or the SMTP password.</summary>
    private string Redact(string text)
    {
        if (Options.Webhook.Url is { Length: > 0 } url)
        {
            text = text.Replace(url, Options.Webhook.Redacted, StringComparison.OrdinalIgnoreCase);
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length > 1)
            {
                text = text.Replace(uri.PathAndQuery, "/…", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (Options.Smtp.Password is { Length: > 0 } password)
        {
            text = text.Replace(password, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
