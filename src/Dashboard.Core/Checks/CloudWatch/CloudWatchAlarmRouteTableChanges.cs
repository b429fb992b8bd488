namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.13: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmRouteTableChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")
        .FromSource("ec2.amazonaws.com");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_route_table_changes",
        "An alarm fires on route table changes",
        Severity.Low,
        "A changed route can send traffic around firewalls and inspection points or to a network an attacker controls, without touching any security group.",
        "RouteTableChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
