namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.9: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmConfigChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames("StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder").FromSource("config.amazonaws.com");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_config_changes",
        "An alarm fires on AWS Config configuration changes",
        Severity.Low,
        "Stopping the Config recorder or removing its delivery channel blinds the configuration history, often just before other changes are made.",
        "ConfigChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
