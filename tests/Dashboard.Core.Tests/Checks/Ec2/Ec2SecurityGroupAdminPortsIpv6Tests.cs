using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2SecurityGroupAdminPortsIpv6Tests
{
    private static IpPermission Rule(string protocol, int? from, int? to, string cidr) => new(protocol, from, to, [], [cidr], [], []);

    private static AccountInventory WithIngress(params IpPermission[] ingress) =>
        TestInventory.Empty() with
        {
            Ec2 = new Ec2Data
            {
                SecurityGroups = [new SecurityGroup { GroupId = "sg-1", GroupName = "bastion", Region = "us-east-1", Ingress = ingress }],
            },
        };

    private static CheckResult RunSingle(params IpPermission[] ingress) =>
        Assert.Single(new Ec2SecurityGroupAdminPortsIpv6().Run(WithIngress(ingress)));

    [Fact]
    public void Evaluate_HttpsFromAnyIpv6_ReturnsPass()
    {
        var result = RunSingle(Rule("tcp", 443, 443, "::/0"));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("us-east-1", result.Region);
    }

    [Fact]
    public void Evaluate_RdpFromAnyIpv6_ReturnsFail()
    {
        var result = RunSingle(Rule("tcp", 3389, 3389, "::/0"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("tcp port 3389 from ::/0 reaches port 3389", result.Reason);
    }

    [Fact]
    public void Evaluate_AllTrafficFromNonCanonicalZeroPrefix_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(Rule("-1", null, null, "0:0:0:0:0:0:0:0/0")).Status);
    }

    [Fact]
    public void Evaluate_SshFromOneIpv6Network_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, RunSingle(Rule("tcp", 22, 22, "2001:db8::/32")).Status);
    }

    [Fact]
    public void Evaluate_Ipv4OnlyRule_IsLeftToTheIpv4Check()
    {
        var rule = new IpPermission("tcp", 22, 22, ["0.0.0.0/0"], [], [], []);

        Assert.Equal(ResultStatus.Pass, RunSingle(rule).Status);
    }

    [Fact]
    public void Evaluate_DualStackRule_ReturnsFail()
    {
        var rule = new IpPermission("tcp", 0, 65535, ["10.0.0.0/8"], ["2001:db8::/32", "::/0"], [], []);

        var result = RunSingle(rule);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("from ::/0", result.Reason);
    }

    [Fact]
    public void Evaluate_NoSecurityGroups_ReturnsNotApplicable()
    {
        var inventory = TestInventory.Empty();

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new Ec2SecurityGroupAdminPortsIpv6().Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsErrorNotPass()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "us-east-1")] };

        var result = Assert.Single(new Ec2SecurityGroupAdminPortsIpv6().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("ec2:DescribeSecurityGroups in us-east-1", result.Reason);
    }
}
