using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2SecurityGroupCifsPortsTests
{
    private static IpPermission Rule(string protocol, int? from, int? to, params string[] cidrs) =>
        new(protocol, from, to, cidrs.Where(c => !c.Contains(':', StringComparison.Ordinal)).ToArray(), cidrs.Where(c => c.Contains(':', StringComparison.Ordinal)).ToArray(), [], []);

    private static SecurityGroup Group(params IpPermission[] ingress) => new() { GroupId = "sg-0aaaaaaaaaaaaaaaa", GroupName = "files", Region = "eu-west-1", Ingress = ingress };

    private static IReadOnlyList<CheckResult> Run(params SecurityGroup[] groups) =>
        new Ec2SecurityGroupCifsPorts().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { SecurityGroups = groups } });

    [Fact]
    public void Evaluate_SmbFromPrivateRangeOnly_ReturnsPass()
    {
        var result = Assert.Single(Run(Group(Rule("tcp", 445, 445, "10.0.0.0/8"))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("no ingress from 0.0.0.0/0 or ::/0 reaches SMB/CIFS port 445", result.Reason);
        Assert.Equal("445", result.Evidence["ports"]);
    }

    [Fact]
    public void Evaluate_SmbFromIpv4Internet_ReturnsFail()
    {
        var result = Assert.Single(Run(Group(Rule("tcp", 445, 445, "0.0.0.0/0"))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("tcp port 445 from 0.0.0.0/0 reaches port 445", result.Reason);
    }

    [Fact]
    public void Evaluate_AllTrafficFromIpv6Internet_ReturnsFail()
    {
        var result = Assert.Single(Run(Group(Rule("-1", null, null, "::/0"))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("from ::/0 reaches port 445", result.Reason);
    }

    [Fact]
    public void Evaluate_AdminPortOpenButNotSmb_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, Assert.Single(Run(Group(Rule("tcp", 22, 22, "0.0.0.0/0")))).Status);
    }

    [Fact]
    public void Evaluate_NoGroups_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "eu-west-1")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new Ec2SecurityGroupCifsPorts().Run(inventory)).Status);
    }
}
