using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmConsoleAuthFailuresTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmConsoleAuthFailures();

    private protected override FilterRequirement Requirement => CloudWatchAlarmConsoleAuthFailures.Requirement;

    private protected override string CompliantPattern =>
        "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }";

    private protected override string PatternMissingOneTerm =>
        "{ ($.eventName = ConsoleLogin) }";
}
