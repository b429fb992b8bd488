using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmRootUsageTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmRootUsage();

    private protected override FilterRequirement Requirement => CloudWatchAlarmRootUsage.Requirement;

    private protected override string CompliantPattern =>
        "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";

    private protected override string PatternMissingOneTerm =>
        "{ $.userIdentity.type = \"Root\" && $.eventType != \"AwsServiceEvent\" }";
}
