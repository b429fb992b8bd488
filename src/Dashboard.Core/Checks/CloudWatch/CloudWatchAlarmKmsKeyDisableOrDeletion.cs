namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.7: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmKmsKeyDisableOrDeletion : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames("DisableKey", "ScheduleKeyDeletion").FromSource("kms.amazonaws.com");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_kms_key_disable_or_deletion",
        "An alarm fires when a customer managed KMS key is disabled or scheduled for deletion",
        Severity.Medium,
        "Data encrypted under a deleted key is lost for good, and a disabled key stops every service that uses it. Alerting during the waiting period leaves time to cancel the deletion.",
        "KmsKeyDisableOrDeletion",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
