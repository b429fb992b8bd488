using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2DefaultSecurityGroupClosedTests
{
    private static readonly IpPermission SelfReference = new("-1", null, null, [], [], [], ["sg-0ddddddddddddddddd"]);
    private static readonly IpPermission AllOut = new("-1", null, null, ["0.0.0.0/0"], [], [], []);

    private static SecurityGroup Group(string name, IpPermission[] ingress, IpPermission[] egress) => new()
    {
        GroupId = "sg-0ddddddddddddddddd", GroupName = name, Region = "us-east-1", VpcId = "vpc-1", Ingress = ingress, Egress = egress,
    };

    private static IReadOnlyList<CheckResult> Run(params SecurityGroup[] groups) =>
        new Ec2DefaultSecurityGroupClosed().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { SecurityGroups = groups } });

    [Fact]
    public void Evaluate_EmptyDefaultGroup_ReturnsPass()
    {
        var result = Assert.Single(Run(Group("default", [], [])));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("vpc-1", result.Evidence["vpcId"]);
    }

    [Fact]
    public void Evaluate_AwsDefaultRules_ReturnsFail()
    {
        var result = Assert.Single(Run(Group("default", [SelfReference], [AllOut])));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("the default security group still has inbound and outbound rules", result.Reason);
    }

    [Fact]
    public void Evaluate_OutboundOnly_ReturnsFail()
    {
        Assert.Equal("the default security group still has outbound rules", Assert.Single(Run(Group("default", [], [AllOut]))).Reason);
    }

    [Fact]
    public void Evaluate_OtherGroupsAreNotJudged()
    {
        var result = Assert.Single(Run(Group("web", [SelfReference], [AllOut]), Group("default", [], []) with { GroupId = "sg-0eeeeeeeeeeeeeeeee" }));

        Assert.Equal("sg-0eeeeeeeeeeeeeeeee", result.ResourceId);
    }

    [Fact]
    public void Evaluate_NoDefaultGroups_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "us-east-1")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new Ec2DefaultSecurityGroupClosed().Run(inventory)).Status);
    }
}
