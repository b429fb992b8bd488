using Dashboard.Core.Checks;
using Dashboard.Core.Checks.SecurityHub;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.SecurityHub;

public class SecurityHubEnabledTests
{
    private const string HubArn = "arn:aws:securityhub:us-east-1:123456789012:hub/default";

    private static IReadOnlyList<CheckResult> Run(Dictionary<string, SecurityHubHub?> hubs, params CollectionError[] errors) =>
        new SecurityHubEnabled().Run(TestInventory.Empty() with { SecurityHub = new SecurityHubData { HubsByRegion = hubs }, Errors = errors });

    [Fact]
    public void Evaluate_HubInEveryRegion_ReturnsPass()
    {
        var hub = new SecurityHubHub(HubArn, TestInventory.Now.AddDays(-100), ["arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"]);

        var results = Run(new() { ["us-east-1"] = hub, ["eu-west-1"] = hub with { HubArn = HubArn.Replace("us-east-1", "eu-west-1", StringComparison.Ordinal) } });

        Assert.All(results, r => Assert.Equal(ResultStatus.Pass, r.Status));
        Assert.Equal(HubArn, results.Single(r => r.Region == "us-east-1").ResourceArn);
    }

    [Fact]
    public void Evaluate_NotSubscribedInRegion_ReturnsFail()
    {
        var results = Run(new() { ["us-east-1"] = new SecurityHubHub(HubArn, null, []), ["eu-west-1"] = null });

        Assert.Equal(ResultStatus.Fail, results.Single(r => r.Region == "eu-west-1").Status);
    }

    [Fact]
    public void Evaluate_DescribeHubDenied_ReturnsError()
    {
        var results = Run(new() { ["us-east-1"] = new SecurityHubHub(HubArn, null, []) }, TestInventory.AccessDenied("securityhub", "DescribeHub", "eu-west-1"));

        Assert.Equal(ResultStatus.Error, results.Single(r => r.Region == "eu-west-1").Status);
    }
}
