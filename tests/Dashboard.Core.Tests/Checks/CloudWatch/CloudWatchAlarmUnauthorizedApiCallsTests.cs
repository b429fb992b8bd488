using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmUnauthorizedApiCallsTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmUnauthorizedApiCalls();

    private protected override FilterRequirement Requirement => CloudWatchAlarmUnauthorizedApiCalls.Requirement;

    private protected override string CompliantPattern =>
        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\") }";

    private protected override string PatternMissingOneTerm =>
        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") }";
}
