namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.2: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms. A narrower variant that also requires an IAM user and a successful sign-in is accepted too (estates that sign in through SSO).</summary>
public sealed class CloudWatchAlarmConsoleSignInWithoutMfa : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.All(FilterTerm.Is("eventName", "ConsoleLogin"), FilterTerm.IsNot("additionalEventData.MFAUsed", "Yes"));

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_console_sign_in_without_mfa",
        "An alarm fires on console sign-in without MFA",
        Severity.Medium,
        "A console sign-in without MFA means a password alone opened the console. Alerting on it finds users who slipped past the MFA rule and passwords that are being used by someone else.",
        "ConsoleSignInWithoutMfa",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement, Requirement.And(FilterTerm.Is("userIdentity.type", "IAMUser"), FilterTerm.Is("responseElements.ConsoleLogin", "Success"))];
}
