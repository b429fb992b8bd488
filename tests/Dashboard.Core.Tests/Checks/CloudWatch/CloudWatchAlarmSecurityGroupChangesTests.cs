using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmSecurityGroupChangesTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmSecurityGroupChanges();

    private protected override FilterRequirement Requirement => CloudWatchAlarmSecurityGroupChanges.Requirement;

    private protected override string CompliantPattern =>
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }";

    private protected override string PatternMissingOneTerm =>
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }";
}
