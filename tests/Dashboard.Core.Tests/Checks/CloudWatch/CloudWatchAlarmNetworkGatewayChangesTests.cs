using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class CloudWatchAlarmNetworkGatewayChangesTests : CloudWatchAlarmCheckTestBase
{
    private protected override Check Check { get; } = new CloudWatchAlarmNetworkGatewayChanges();

    private protected override FilterRequirement Requirement => CloudWatchAlarmNetworkGatewayChanges.Requirement;

    private protected override string CompliantPattern =>
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }";

    private protected override string PatternMissingOneTerm =>
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) }";
}
