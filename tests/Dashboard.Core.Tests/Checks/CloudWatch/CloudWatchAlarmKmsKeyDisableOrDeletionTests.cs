using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmKmsKeyDisableOrDeletionTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmKmsKeyDisableOrDeletion();

    private protected override FilterRequirement Requirement => CloudWatchAlarmKmsKeyDisableOrDeletion.Requirement;

    private protected override string CompliantPattern =>
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";

    private protected override string PatternMissingOneTerm =>
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)) }";
}
