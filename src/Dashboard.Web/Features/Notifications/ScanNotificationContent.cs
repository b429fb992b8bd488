using System.Globalization;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;

namespace Dashboard.Web.Features.Notifications;

/// <summary>One listed finding of a notification, with a link to it when the dashboard's URL is known.</summary>
public sealed record NotifiedFinding(FindingChange Change, Severity Severity, string CheckId, string CheckTitle, string ResourceId, string Region, Uri? Link);

public sealed record SeverityCount(Severity Severity, int Count);

/// <summary>
/// What a notification about one scan says, whatever the channel: the account, the new or regressed unmuted findings
/// at or above the threshold (counted by severity, the worst listed), and the scan's whole diff in numbers.
/// </summary>
public sealed record ScanNotificationContent(
    string AccountName,
    string AwsAccountId,
    long ScanRunId,
    DateTimeOffset? CompletedAt,
    Severity MinSeverity,
    IReadOnlyList<SeverityCount> OpenedBySeverity,
    int RegressedAtThreshold,
    int MutedAtThreshold,
    int NewTotal,
    int RegressedTotal,
    int ResolvedTotal,
    IReadOnlyList<NotifiedFinding> Top,
    Uri? ChangesLink,
    bool IsTest)
{
    /// <summary>Unmuted new or regressed findings at or above the threshold.</summary>
    public int OpenedTotal => OpenedBySeverity.Sum(c => c.Count);

    /// <summary>Counted but not listed (the list stops at Notifications:MaxFindings).</summary>
    public int NotShown => OpenedTotal - Top.Count;

    /// <summary>"critical/high" for High, "critical" for Critical, "low or higher" for Low.</summary>
    public string ThresholdLabel => MinSeverity switch
    {
        Severity.Critical => "critical",
        Severity.High => "critical/high",
        Severity.Medium => "critical/high/medium",
        _ => $"{Name(MinSeverity)} or higher",
    };

    public string Title =>
        (IsTest ? "[Test] " : "")
        + $"{AccountName}: "
        + (OpenedTotal == 0
            ? $"scan complete, no new {ThresholdLabel} findings"
            : $"{OpenedTotal} new {ThresholdLabel} finding{(OpenedTotal == 1 ? "" : "s")}");

    /// <summary>"1 critical · 2 high", or "none".</summary>
    public string OpenedSummary => OpenedTotal == 0
        ? "none"
        : string.Join(" · ", OpenedBySeverity.Where(c => c.Count > 0).Select(c => $"{c.Count} {Name(c.Severity)}"))
          + (RegressedAtThreshold > 0 ? $" ({RegressedAtThreshold} regressed)" : "");

    /// <summary>"12 new · 1 regressed · 5 resolved": every change of the scan, every severity, muted included.</summary>
    public string DiffSummary => $"{NewTotal} new · {RegressedTotal} regressed · {ResolvedTotal} resolved";

    public string ScanLine => $"Scan #{ScanRunId.ToString(CultureInfo.InvariantCulture)}"
        + (CompletedAt is { } at ? $" completed {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "");

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Builds the content from a scan's diff (<see cref="ChangesQuery.GetRunAsync"/>).</summary>
    public static ScanNotificationContent From(RunChanges changes, Severity minSeverity, Uri? dashboardUrl, bool isTest = false)
    {
        var atThreshold = changes.Counts.Where(c => c.Change != FindingChange.Resolved && c.Severity >= minSeverity).ToList();
        var opened = atThreshold.Where(c => !c.Muted)
            .GroupBy(c => c.Severity)
            .OrderByDescending(g => g.Key)
            .Select(g => new SeverityCount(g.Key, g.Sum(c => c.Count)))
            .ToList();
        var summary = changes.Summary;
        return new ScanNotificationContent(
            summary.AccountName,
            summary.AwsAccountId,
            summary.ScanRunId,
            summary.ScannedAt,
            minSeverity,
            opened,
            RegressedAtThreshold: atThreshold.Where(c => !c.Muted && c.Change == FindingChange.Regressed).Sum(c => c.Count),
            MutedAtThreshold: atThreshold.Where(c => c.Muted).Sum(c => c.Count),
            summary.New,
            summary.Regressed,
            summary.Resolved,
            [.. changes.Opened.Select(r => new NotifiedFinding(r.Change, r.Severity, r.CheckId, r.CheckTitle, r.ResourceId, r.Region,
                Link(dashboardUrl, $"findings/{r.FindingId.ToString(CultureInfo.InvariantCulture)}")))],
            Link(dashboardUrl, $"changes?run={summary.ScanRunId.ToString(CultureInfo.InvariantCulture)}"),
            isTest);
    }

    /// <summary>A test message when no scan has completed yet: nothing to report, but every channel gets a message.</summary>
    public static ScanNotificationContent Sample(Severity minSeverity, Uri? dashboardUrl) =>
        new("No scan yet", "000000000000", 0, null, minSeverity, [], 0, 0, 0, 0, 0, [], Link(dashboardUrl, "changes"), IsTest: true);

    /// <summary>Base URL + relative path; the base may carry a path (https://example.com/posture/).</summary>
    private static Uri? Link(Uri? baseUrl, string relative) =>
        baseUrl is null ? null : new Uri(new Uri(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/"), relative);
}
