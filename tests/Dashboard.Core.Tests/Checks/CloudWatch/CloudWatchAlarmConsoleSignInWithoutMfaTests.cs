using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmConsoleSignInWithoutMfaTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmConsoleSignInWithoutMfa();

    private protected override FilterRequirement Requirement => CloudWatchAlarmConsoleSignInWithoutMfa.Requirement;

    private protected override string CompliantPattern =>
        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }";

    private protected override string PatternMissingOneTerm =>
        "{ ($.eventName = \"ConsoleLogin\") }";
}
