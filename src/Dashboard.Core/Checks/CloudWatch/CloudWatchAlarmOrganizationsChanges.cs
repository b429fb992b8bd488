namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.15: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmOrganizationsChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake",
        "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType",
        "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit")
        .FromSource("organizations.amazonaws.com");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_organizations_changes",
        "An alarm fires on AWS Organizations changes",
        Severity.Medium,
        "Changes to accounts, organizational units and policies in AWS Organizations can remove guardrails for every account at once, or move an account out of reach. They belong in the management account's alerting.",
        "OrganizationsChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
