using System.Text.Json.Nodes;
using static Dashboard.Web.Features.Notifications.NotificationText;

namespace Dashboard.Web.Features.Notifications;

/// <summary>
/// The webhook body: Slack's incoming-webhook JSON, a <c>text</c> fallback (what a phone notification shows) and
/// <c>blocks</c>. Every value from the database is escaped for Slack's mrkdwn (&amp;, &lt;, &gt;), so a resource name
/// can never form a link or a mention. Other services that accept Slack's format (Mattermost, Rocket.Chat, ...)
/// read the same body.
/// </summary>
public static class SlackPayload
{
    /// <summary>Slack's limit for a header block's text.</summary>
    public const int HeaderMax = 150;

    public static string Render(ScanNotificationContent content)
    {
        var summary = $"*Account:* {Escape(content.AccountName, 200)} ({Escape(content.AwsAccountId, 20)})\n"
            + $"*New or regressed, {content.ThresholdLabel}:* {Escape(content.OpenedSummary, 200)}\n"
            + $"*All changes:* {Escape(content.DiffSummary, 200)}\n"
            + Escape(content.ScanLine, 100)
            + (content.MutedAtThreshold > 0 ? $"\n_{content.MutedAtThreshold} more hidden by mute rules._" : "");
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(OneLine(content.Title, HeaderMax)) },
            Section(summary),
        };
        if (content.Top.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
            foreach (var finding in content.Top)
            {
                blocks.Add(Section(FindingText(finding)));
            }
        }

        var more = (content.NotShown > 0 ? $"and {content.NotShown} more. " : "")
            + (content.ChangesLink is { } changes ? $"<{LinkTarget(changes)}|All changes of this scan>" : "");
        if (more.Length > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(more)) });
        }

        var payload = new JsonObject
        {
            ["text"] = Escape($"{content.Title} ({content.DiffSummary})", 300),
            ["blocks"] = blocks,
        };
        return payload.ToJsonString();
    }

    private static string FindingText(NotifiedFinding finding) =>
        $"*{finding.Severity}* · {Change(finding.Change)} · `{OneLine(finding.CheckId, 100).Replace('`', '\'')}`\n"
        + $"{Escape(finding.CheckTitle, 300)}\n"
        + $"{Escape(finding.ResourceId, 300)} · {Escape(finding.Region, 50)}"
        + (finding.Link is { } link ? $" · <{LinkTarget(link)}|Open finding>" : "");

    /// <summary>Slack mrkdwn escaping: only these three characters are control characters there.</summary>
    internal static string Escape(string? value, int max) =>
        OneLine(value, max).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A link target may not contain '|' or '&gt;' (they end it); our links are built from ids, but the base URL is configuration.</summary>
    private static string LinkTarget(Uri link) => link.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };
}
