using Dashboard.Core.Checks;

namespace Dashboard.Web.Data;

/// <summary>An AWS account the dashboard scans.</summary>
public sealed class CloudAccount
{
    public int Id { get; set; }

    /// <summary>The 12-digit AWS account id.</summary>
    public required string AwsAccountId { get; set; }

    public required string Name { get; set; }

    /// <summary>True for the bundled demo accounts, whose inventory comes from the demo data instead of AWS.</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Disabled accounts keep their history but are not scanned, on demand or on schedule.</summary>
    public bool Enabled { get; set; } = true;

    public AccountAccessMethod AccessMethod { get; set; }

    /// <summary>Shared-config profile name (AccessMethod = Profile; optional source for AssumeRole).</summary>
    public string? Profile { get; set; }

    /// <summary>The role to assume (AccessMethod = AssumeRole).</summary>
    public string? RoleArn { get; set; }

    /// <summary>Generated per account when assume-role is chosen; the role template requires it. Not a secret.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Region for STS and region discovery; empty = AWS_REGION / profile / us-east-1.</summary>
    public string? HomeRegion { get; set; }

    /// <summary>Comma-separated regions to scan; empty = every region enabled for the account.</summary>
    public string? Regions { get; set; }

    /// <summary>Comma-separated framework ids or check ids to evaluate; empty = every check.</summary>
    public string? CheckScope { get; set; }

    /// <summary>Cron expression (5 fields) for recurring scans; empty = on demand only.</summary>
    public string? Schedule { get; set; }

    /// <summary>IANA time zone the schedule is read in; empty = UTC.</summary>
    public string? ScheduleTimeZone { get; set; }

    /// <summary>An explicit AWS endpoint for every service (LocalStack, tests); normally empty.</summary>
    public string? EndpointUrl { get; set; }
}

/// <summary>How the scanner gets credentials for an account. Secret keys are never stored.</summary>
public enum AccountAccessMethod
{
    /// <summary>The SDK's default credential chain of the dashboard host.</summary>
    DefaultChain = 0,
    Profile = 1,
    AssumeRole = 2,
}

public enum ScanRunState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Interrupted = 4,
    Cancelled = 5,
}

/// <summary>One scan of one account. The row exists before its job is enqueued.</summary>
public sealed class ScanRun
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public CloudAccount Account { get; set; } = null!;
    public ScanRunState State { get; set; }

    /// <summary>Who or what started it: Demo, Manual, Schedule, Cli.</summary>
    public required string Trigger { get; set; }

    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; set; }

    public int PassCount { get; set; }
    public int FailCount { get; set; }
    public int ManualCount { get; set; }
    public int NotApplicableCount { get; set; }
    public int ErrorCount { get; set; }

    /// <summary>The diff against the account's previous complete scan: failures seen for the first time.</summary>
    public int NewCount { get; set; }

    /// <summary>Open findings this scan passed (or whose resource is gone).</summary>
    public int ResolvedCount { get; set; }

    /// <summary>Resolved findings that failed again.</summary>
    public int RegressedCount { get; set; }

    /// <summary>Open findings that still fail, or could not be evaluated (Error) and so stay open.</summary>
    public int UnchangedCount { get; set; }

    /// <summary>How many AWS calls failed during collection (each one shows as Error results).</summary>
    public int CollectionErrorCount { get; set; }

    /// <summary>The worker that holds the run (machine:process:guid) while it is Running.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>The holder renews this while working; a Running run whose lease expired was abandoned (sweeper → Interrupted).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Someone asked to cancel; the worker stops at its next check and records Cancelled.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Progress, stored at a bounded rate: (service) units done and total, the current unit, calls and errors so far.</summary>
    public int UnitsDone { get; set; }

    public int UnitsTotal { get; set; }
    public string? CurrentUnit { get; set; }
    public int CallsMade { get; set; }
    public int ErrorsSoFar { get; set; }

    /// <summary>Coverage: collection errors that were AccessDenied (the rest are in CollectionErrorCount).</summary>
    public int AccessDeniedCount { get; set; }

    /// <summary>The run this one retries (after Interrupted or Failed).</summary>
    public long? RetryOfRunId { get; set; }
}

/// <summary>
/// The lifecycle of one (account, check, region, resource): the latest result, plus first and last seen.
/// Check title, service and severity are copied from the catalog so the explorer filters and sorts in SQL.
/// </summary>
public sealed class Finding
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public CloudAccount Account { get; set; } = null!;
    public required string CheckId { get; set; }
    public required string CheckTitle { get; set; }
    public required string Service { get; set; }
    public Severity Severity { get; set; }
    public required string Region { get; set; }
    public required string ResourceId { get; set; }
    public string? ResourceArn { get; set; }
    public ResultStatus Status { get; set; }
    public required string Reason { get; set; }

    /// <summary>The evidence that decided the latest result, as a JSON object of strings.</summary>
    public required string EvidenceJson { get; set; }

    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long LastScanRunId { get; set; }

    /// <summary>Where the security team stands on this finding, independent of the latest scan result.</summary>
    public TriageState TriageState { get; set; }

    /// <summary>Whether the finding is a problem being tracked (failed and not yet passed by a complete scan).</summary>
    public FindingLifecycle Lifecycle { get; set; }

    /// <summary>Start of the current open episode (first failure, or the regression that reopened it).</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>How many times a resolved finding failed again.</summary>
    public int ReopenCount { get; set; }

    /// <summary>Who works on it: a user's e-mail or any name the team uses.</summary>
    public string? Assignee { get; set; }

    /// <summary>When it should be fixed, from the per-severity SLA when it opened; people may change it.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public string? RiskJustification { get; set; }
    public string? RiskApprover { get; set; }

    /// <summary>When a risk acceptance ends; the finding reopens by itself then.</summary>
    public DateTimeOffset? RiskAcceptedUntil { get; set; }

    /// <summary>The mute rule that hides this finding, if any.</summary>
    public long? MutedByRuleId { get; set; }

    /// <summary>The resource's tags when the inventory has them, as "key=value" lines (for mute rules by tag).</summary>
    public string? Tags { get; set; }
}

public enum FindingLifecycle
{
    /// <summary>Never failed: passed, not applicable, manual or not evaluated.</summary>
    None = 0,
    Open = 1,
    Resolved = 2,
}

public enum TriageState
{
    Open = 0,
    Acknowledged = 1,
    InProgress = 2,
    Resolved = 3,
    RiskAccepted = 4,
    FalsePositive = 5,
}

/// <summary>One change to a finding made by a person: a triage state change, later comments and assignments.</summary>
public sealed class FindingEvent
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public required string Actor { get; set; }

    /// <summary>triage, comment, ...</summary>
    public required string Kind { get; set; }

    public string? From { get; set; }
    public string? To { get; set; }
    public string? Note { get; set; }
}

/// <summary>A raw result of one scan run for one finding. Pruned by retention; findings and runs are kept.</summary>
public sealed class ScanResult
{
    public long Id { get; set; }
    public long ScanRunId { get; set; }
    public long FindingId { get; set; }
    public Finding Finding { get; set; } = null!;
    public ResultStatus Status { get; set; }
    public required string Reason { get; set; }
    public required string EvidenceJson { get; set; }
}
