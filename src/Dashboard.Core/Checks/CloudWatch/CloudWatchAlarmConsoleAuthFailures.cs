namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.6: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmConsoleAuthFailures : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.All(FilterTerm.Is("eventName", "ConsoleLogin"), FilterTerm.Is("errorMessage", "Failed authentication"));

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_console_auth_failures",
        "An alarm fires on failed console sign-ins",
        Severity.Low,
        "Repeated failed console sign-ins point to password guessing against IAM users. An alert lets the team lock the user or block the source before a guess succeeds.",
        "ConsoleAuthFailures",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
