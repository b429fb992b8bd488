namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.10: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmSecurityGroupChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
        "CreateSecurityGroup", "DeleteSecurityGroup", "ModifySecurityGroupRules");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_security_group_changes",
        "An alarm fires on security group changes",
        Severity.Medium,
        "Security groups decide what can reach each workload. An unexpected rule change, such as a port opened to the internet, should reach a person quickly.",
        "SecurityGroupChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
