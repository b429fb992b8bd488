namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.3: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmRootUsage : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.All(FilterTerm.Is("userIdentity.type", "Root"), FilterTerm.Absent("userIdentity.invokedBy"), FilterTerm.IsNot("eventType", "AwsServiceEvent"));

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_root_usage",
        "An alarm fires on root user activity",
        Severity.High,
        "The root user can do anything and should almost never be used. Any root activity that is not a planned break-glass action needs someone to look at it at once.",
        "RootUserActivity",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
