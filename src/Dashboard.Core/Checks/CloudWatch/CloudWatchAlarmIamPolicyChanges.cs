namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.4: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmIamPolicyChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
        "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
        "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_iam_policy_changes",
        "An alarm fires on IAM policy changes",
        Severity.Medium,
        "Changing IAM policies is how privileges are escalated and back doors are left behind. An alert on every change lets the team check it against an approved change.",
        "IamPolicyChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
