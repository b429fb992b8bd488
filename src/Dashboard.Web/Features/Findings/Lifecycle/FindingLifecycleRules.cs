using Dashboard.Core.Checks;
using Dashboard.Web.Data;

namespace Dashboard.Web.Features.Findings.Lifecycle;

/// <summary>
/// How one result of a complete scan moves a finding: a failure opens it (New) or reopens it (Regressed); a pass
/// or not-applicable resolves an open one; Error and Manual decide nothing, so they neither resolve nor reopen.
/// </summary>
public static class FindingLifecycleRules
{
    public static FindingChange? Apply(Finding finding, ResultStatus status, DateTimeOffset now, FindingsOptions options)
    {
        switch (status)
        {
            case ResultStatus.Fail when finding.Lifecycle == FindingLifecycle.None:
                Open(finding, now, options);
                return FindingChange.New;
            case ResultStatus.Fail when finding.Lifecycle == FindingLifecycle.Resolved:
                Open(finding, now, options);
                finding.ReopenCount++;
                if (finding.TriageState == TriageState.Resolved)
                {
                    finding.TriageState = TriageState.Open;
                }

                return FindingChange.Regressed;
            case ResultStatus.Pass or ResultStatus.NotApplicable when finding.Lifecycle == FindingLifecycle.Open:
                finding.Lifecycle = FindingLifecycle.Resolved;
                finding.ResolvedAt = now;
                if (finding.TriageState is TriageState.Open or TriageState.Acknowledged or TriageState.InProgress)
                {
                    finding.TriageState = TriageState.Resolved;
                }

                return FindingChange.Resolved;
            default:
                return null;
        }
    }

    /// <summary>Whether an open finding is past its due date (accepted risks and false positives are not).</summary>
    public static bool IsOverdue(Finding finding, DateTimeOffset now) =>
        finding.Lifecycle == FindingLifecycle.Open && finding.DueAt is { } due && due < now
        && finding.TriageState is not (TriageState.RiskAccepted or TriageState.FalsePositive);

    private static void Open(Finding finding, DateTimeOffset now, FindingsOptions options)
    {
        finding.Lifecycle = FindingLifecycle.Open;
        finding.OpenedAt = now;
        finding.ResolvedAt = null;
        finding.DueAt = options.SlaFor(finding.Severity) is { } sla ? now + sla : null;
    }
}
