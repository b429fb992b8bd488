namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.5: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmCloudTrailChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_cloudtrail_changes",
        "An alarm fires on CloudTrail configuration changes",
        Severity.Medium,
        "Stopping or changing a trail is a classic first step to act unseen. An immediate alert keeps the gap in the record short.",
        "CloudTrailChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
