namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.14: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmVpcChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
        "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_vpc_changes",
        "An alarm fires on VPC and VPC peering changes",
        Severity.Low,
        "New VPCs, peering connections and attribute changes reshape which networks can talk to each other. They should be planned changes, and an alert shows the ones that were not.",
        "VpcChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
