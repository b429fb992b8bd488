using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Web.Hosting;
using static Dashboard.Web.Features.Notifications.NotificationText;

namespace Dashboard.Web.Features.Notifications;

/// <summary>The e-mail: the same content as the webhook, as plain text and as simple HTML in which every value is encoded.</summary>
public sealed record NotificationEmail(string Subject, string Text, string Html)
{
    public static NotificationEmail Render(ScanNotificationContent content)
    {
        var text = new StringBuilder()
            .AppendLine(OneLine(content.Title, 300))
            .AppendLine()
            .AppendLine($"Account: {OneLine(content.AccountName, 200)} ({OneLine(content.AwsAccountId, 20)})")
            .AppendLine($"New or regressed, {content.ThresholdLabel}: {content.OpenedSummary}")
            .AppendLine($"All changes: {content.DiffSummary}")
            .AppendLine(content.ScanLine);
        if (content.MutedAtThreshold > 0)
        {
            text.AppendLine($"{content.MutedAtThreshold} more hidden by mute rules.");
        }

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<h2>").Append(Encode(content.Title, 300)).Append("</h2>")
            .Append("<p>Account: <b>").Append(Encode(content.AccountName, 200)).Append("</b> (").Append(Encode(content.AwsAccountId, 20)).Append(")<br>")
            .Append("New or regressed, ").Append(Encode(content.ThresholdLabel, 50)).Append(": <b>").Append(Encode(content.OpenedSummary, 200)).Append("</b><br>")
            .Append("All changes: ").Append(Encode(content.DiffSummary, 200)).Append("<br>")
            .Append(Encode(content.ScanLine, 100));
        if (content.MutedAtThreshold > 0)
        {
            html.Append("<br><i>").Append(content.MutedAtThreshold).Append(" more hidden by mute rules.</i>");
        }

        html.Append("</p>");
        if (content.Top.Count > 0)
        {
            text.AppendLine().AppendLine("Top findings:");
            html.Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th align=\"left\">Severity</th><th align=\"left\">Change</th>")
                .Append("<th align=\"left\">Check</th><th align=\"left\">Resource</th><th align=\"left\">Region</th></tr>");
            foreach (var finding in content.Top)
            {
                text.AppendLine($"- [{finding.Severity}] {OneLine(finding.CheckId, 100)}: {OneLine(finding.CheckTitle, 300)}")
                    .AppendLine($"  {OneLine(finding.ResourceId, 300)} in {OneLine(finding.Region, 50)} ({Change(finding.Change)})");
                if (finding.Link is { } link)
                {
                    text.AppendLine($"  {link.AbsoluteUri}");
                }

                html.Append("<tr><td>").Append(finding.Severity).Append("</td><td>").Append(Change(finding.Change)).Append("</td><td><code>")
                    .Append(Encode(finding.CheckId, 100)).Append("</code><br>").Append(Encode(finding.CheckTitle, 300)).Append("</td><td>");
                if (finding.Link is { } href)
                {
                    html.Append("<a href=\"").Append(Encode(href.AbsoluteUri, 2000)).Append("\">").Append(Encode(finding.ResourceId, 300)).Append("</a>");
                }
                else
                {
                    html.Append(Encode(finding.ResourceId, 300));
                }

                html.Append("</td><td>").Append(Encode(finding.Region, 50)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (content.NotShown > 0)
        {
            text.AppendLine($"and {content.NotShown} more.");
            html.Append("<p>and ").Append(content.NotShown).Append(" more.</p>");
        }

        if (content.ChangesLink is { } changes)
        {
            text.AppendLine().AppendLine($"All changes of this scan: {changes.AbsoluteUri}");
            html.Append("<p><a href=\"").Append(Encode(changes.AbsoluteUri, 2000)).Append("\">All changes of this scan</a></p>");
        }

        html.Append("</body></html>");
        // Mail lines end in CRLF, whatever this machine's newline is.
        return new NotificationEmail(OneLine(content.Title, 200), text.ToString().ReplaceLineEndings("\r\n"), html.ToString());
    }

    /// <summary>multipart/alternative: plain text first, HTML second (mail programs show the last part they can).</summary>
    public MailMessage ToMessage(SmtpOptions smtp)
    {
        var message = new MailMessage
        {
            From = new MailAddress(smtp.From!),
            Subject = Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = Text,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        foreach (var to in smtp.To)
        {
            message.To.Add(new MailAddress(to));
        }

        // Tells auto-responders (out-of-office) not to answer.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var html = AlternateView.CreateAlternateViewFromString(Html, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.Base64;
        message.AlternateViews.Add(html);
        return message;
    }

    private static string Encode(string? value, int max) => HtmlEncoder.Default.Encode(OneLine(value, max));
}
