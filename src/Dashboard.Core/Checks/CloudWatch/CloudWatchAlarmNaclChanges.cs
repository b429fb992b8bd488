namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.11: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmNaclChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_nacl_changes",
        "An alarm fires on network ACL changes",
        Severity.Low,
        "Network ACLs filter whole subnets. A change can open or cut off a subnet at once, so it deserves the same attention as a firewall change on premises.",
        "NetworkAclChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
