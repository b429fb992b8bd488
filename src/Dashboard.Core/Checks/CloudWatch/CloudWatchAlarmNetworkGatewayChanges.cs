namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.12: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmNetworkGatewayChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_network_gateway_changes",
        "An alarm fires on network gateway changes",
        Severity.Low,
        "Internet and customer gateways are the doors in and out of a VPC. Adding or moving one can expose private networks or create a path around inspection.",
        "NetworkGatewayChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
