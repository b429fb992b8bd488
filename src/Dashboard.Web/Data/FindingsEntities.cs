using Dashboard.Core.Checks;

namespace Dashboard.Web.Data;

public enum FindingChange
{
    New = 0,
    Resolved = 1,
    Regressed = 2,
}

/// <summary>One line of a scan's diff: a finding that appeared, resolved or regressed in that scan.</summary>
public sealed class ScanDiffEntry
{
    public long Id { get; set; }
    public long ScanRunId { get; set; }
    public long FindingId { get; set; }
    public Finding Finding { get; set; } = null!;
    public FindingChange Change { get; set; }
}

/// <summary>
/// Per-scan, per-severity counts written when the scan is recorded, so trends never read raw results.
/// Open counts are the state after the scan; New/Resolved and remediation time are what this scan changed.
/// </summary>
public sealed class ScanSeverityAggregate
{
    public long Id { get; set; }
    public long ScanRunId { get; set; }
    public int AccountId { get; set; }
    public DateTimeOffset At { get; set; }
    public Severity Severity { get; set; }
    public int OpenCount { get; set; }
    public int MutedOpenCount { get; set; }
    public int OverdueCount { get; set; }
    public int NewCount { get; set; }
    public int ResolvedCount { get; set; }
    public int RegressedCount { get; set; }

    /// <summary>Sum over this scan's resolutions of (resolved − opened), in seconds: with ResolvedCount gives mean time to remediate.</summary>
    public double RemediationSeconds { get; set; }
}

/// <summary>Requirement verdict counts of one framework (SectionId "" = the whole framework) for one scan of one account.</summary>
public sealed class ScanComplianceAggregate
{
    public long Id { get; set; }
    public long ScanRunId { get; set; }
    public int AccountId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string FrameworkId { get; set; }
    public required string SectionId { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Manual { get; set; }
    public int NotApplicable { get; set; }
    public int Error { get; set; }
}

/// <summary>
/// Hides matching findings (existing and future) from default views and counts. Null criteria match anything;
/// ResourcePattern is a glob (* and ?) on resource id or ARN; a tag criterion matches "key" or "key=value".
/// </summary>
public sealed class MuteRule
{
    public long Id { get; set; }
    public int? AccountId { get; set; }
    public string? CheckId { get; set; }
    public string? Region { get; set; }
    public string? ResourcePattern { get; set; }
    public string? Tag { get; set; }
    public required string Justification { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
