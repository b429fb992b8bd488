namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.1: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmUnauthorizedApiCalls : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = new FilterRequirement([FilterTerm.IsNot("sourceIPAddress", "delivery.logs.amazonaws.com"), FilterTerm.IsNot("eventName", "HeadBucket")],
        [FilterTerm.Is("errorCode", "*UnauthorizedOperation"), FilterTerm.Is("errorCode", "AccessDenied*")]);

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_unauthorized_api_calls",
        "An alarm fires on unauthorized API calls",
        Severity.Medium,
        "A burst of AccessDenied or UnauthorizedOperation errors is often the first trace of stolen credentials being tried out, or of a misconfigured application probing for permissions it should not have.",
        "UnauthorizedApiCalls",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
