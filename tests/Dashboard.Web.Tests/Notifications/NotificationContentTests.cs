using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Notifications;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>What a notification says, from a scan's diff, and how each channel renders it safely.</summary>
public sealed class NotificationContentTests
{
    private const string Hostile = "<!channel> & <https://evil.example|click> <script>alert(1)</script>\r\nBcc: victim@example.com";

    private static readonly Uri Dashboard = new("https://posture.example.test/base/");

    private static RunChanges Diff(IReadOnlyList<ChangeCount> counts, IReadOnlyList<ChangeRow>? opened = null, string accountName = "Prod") => new(
        new AccountChanges(7, accountName, "111122223333", 42, new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero), 41, null, 9, 4, 2, 10),
        counts,
        opened ?? []);

    private static ChangeRow Row(long id, Severity severity, FindingChange change = FindingChange.New, string resource = "bucket", string title = "Buckets block public access") =>
        new(id, change, "Prod", "s3_public", title, severity, "eu-west-1", resource, "reason", false);

    [Fact]
    public void From_CountsUnmutedNewAndRegressedAtTheThreshold_BySeverity()
    {
        var content = ScanNotificationContent.From(Diff(
        [
            new(FindingChange.New, Severity.Critical, false, 1),
            new(FindingChange.New, Severity.High, false, 2),
            new(FindingChange.Regressed, Severity.High, false, 1),
            new(FindingChange.New, Severity.High, true, 3),      // muted
            new(FindingChange.New, Severity.Medium, false, 5),   // below the threshold
            new(FindingChange.Resolved, Severity.Critical, false, 4),
        ]), Severity.High, Dashboard);

        Assert.Equal([new SeverityCount(Severity.Critical, 1), new SeverityCount(Severity.High, 3)], content.OpenedBySeverity);
        Assert.Equal((4, 1, 3), (content.OpenedTotal, content.RegressedAtThreshold, content.MutedAtThreshold));
        Assert.Equal("1 critical · 3 high (1 regressed)", content.OpenedSummary);
        Assert.Equal("9 new · 2 regressed · 4 resolved", content.DiffSummary);
        Assert.Equal("Prod: 4 new critical/high findings", content.Title);
        Assert.Equal("Scan #42 completed 2026-11-03 09:30 UTC", content.ScanLine);
        Assert.Equal(new Uri("https://posture.example.test/base/changes?run=42"), content.ChangesLink);
    }

    [Theory]
    [InlineData(Severity.Critical, "critical")]
    [InlineData(Severity.High, "critical/high")]
    [InlineData(Severity.Medium, "critical/high/medium")]
    [InlineData(Severity.Low, "low or higher")]
    public void ThresholdLabel_NamesTheSeveritiesIncluded(Severity min, string label) =>
        Assert.Equal(label, ScanNotificationContent.From(Diff([]), min, null).ThresholdLabel);

    [Fact]
    public void WithoutDashboardUrl_ThereAreNoLinks()
    {
        var content = ScanNotificationContent.From(Diff([new(FindingChange.New, Severity.High, false, 1)], [Row(5, Severity.High)]), Severity.High, null);

        Assert.Null(content.ChangesLink);
        Assert.Null(Assert.Single(content.Top).Link);
        var json = SlackPayload.Render(content);
        Assert.DoesNotContain("Open finding", json, StringComparison.Ordinal);
        Assert.DoesNotContain("href", NotificationEmail.Render(content).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_EscapesEveryValue_SoNoMentionOrLinkCanBeInjected()
    {
        var content = ScanNotificationContent.From(
            Diff([new(FindingChange.New, Severity.Critical, false, 1)], [Row(5, Severity.Critical, resource: Hostile, title: Hostile)], accountName: Hostile),
            Severity.High, Dashboard);

        var payload = JsonDocument.Parse(SlackPayload.Render(content)).RootElement;
        var texts = Texts(payload).ToList();

        // The header is plain_text, which Slack shows as it is (no links, no mentions); everything else is escaped.
        Assert.Equal("plain_text", payload.GetProperty("blocks")[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(4, texts.Count); // the fallback, the summary, the finding, the context line

        Assert.All(texts, t => Assert.DoesNotContain("<!channel>", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("<https://evil", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("<script>", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("\n" + "Bcc", t, StringComparison.Ordinal));
        var finding = payload.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "section").Skip(1).Single()
            .GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt;  Bcc: victim@example.com", finding, StringComparison.Ordinal);

        // The only links are ours.
        var links = texts.SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, "<([^>|]+)\\|").Select(m => m.Groups[1].Value)).ToList();
        Assert.Equal(["https://posture.example.test/base/findings/5", "https://posture.example.test/base/changes?run=42"], links);
    }

    [Fact]
    public void Slack_HeaderFitsSlacksLimit()
    {
        var content = ScanNotificationContent.From(Diff([], accountName: new string('x', 400)), Severity.High, null);

        var header = JsonDocument.Parse(SlackPayload.Render(content)).RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;

        Assert.Equal(SlackPayload.HeaderMax, header.Length);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_EncodesHtml_AndKeepsTheSubjectOnOneLine()
    {
        var content = ScanNotificationContent.From(
            Diff([new(FindingChange.New, Severity.Critical, false, 1)], [Row(5, Severity.Critical, resource: Hostile, title: Hostile)], accountName: Hostile),
            Severity.High, Dashboard);

        var email = NotificationEmail.Render(content);

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nBcc:", email.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://posture.example.test/base/findings/5\">", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TestMessage_IsMarked()
    {
        var content = ScanNotificationContent.From(Diff([new(FindingChange.New, Severity.High, false, 2)]), Severity.High, null, isTest: true);

        Assert.Equal("[Test] Prod: 2 new critical/high findings", content.Title);
        Assert.StartsWith("[Test] No scan yet: scan complete", ScanNotificationContent.Sample(Severity.High, null).Title, StringComparison.Ordinal);
    }

    /// <summary>Every "text" string in the payload that Slack parses for links and mentions (all but plain_text objects).</summary>
    private static IEnumerable<string> Texts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() == "plain_text")
            {
                yield break;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }

                foreach (var text in Texts(property.Value))
                {
                    yield return text;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var text in element.EnumerateArray().SelectMany(Texts))
            {
                yield return text;
            }
        }
    }
}
