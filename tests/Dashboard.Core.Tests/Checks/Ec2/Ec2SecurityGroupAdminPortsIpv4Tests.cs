using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2SecurityGroupAdminPortsIpv4Tests
{
    private static IpPermission Rule(string protocol, int? from, int? to, string cidr) => new(protocol, from, to, [cidr], [], [], []);

    private static SecurityGroup Group(params IpPermission[] ingress) => new()
    {
        GroupId = "sg-0123456789abcdef0",
        GroupName = "web",
        Region = "eu-west-1",
        Ingress = ingress,
    };

    private static AccountInventory WithGroups(params SecurityGroup[] groups) =>
        TestInventory.Empty() with { Ec2 = new Ec2Data { SecurityGroups = groups } };

    private static CheckResult RunSingle(params IpPermission[] ingress) =>
        Assert.Single(new Ec2SecurityGroupAdminPortsIpv4().Run(WithGroups(Group(ingress))));

    [Fact]
    public void Evaluate_OnlyWebPortsOpen_ReturnsPass()
    {
        var result = RunSingle(Rule("tcp", 443, 443, "0.0.0.0/0"), Rule("tcp", 80, 80, "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("sg-0123456789abcdef0", result.ResourceId);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_SshFromPrivateRange_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, RunSingle(Rule("tcp", 22, 22, "10.0.0.0/8")).Status);
    }

    [Fact]
    public void Evaluate_SshFromInternet_ReturnsFail()
    {
        var result = RunSingle(Rule("tcp", 22, 22, "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("tcp port 22 from 0.0.0.0/0 reaches port 22", result.Reason);
    }

    [Fact]
    public void Evaluate_FullPortRange_ReturnsFailForEveryAdminPort()
    {
        var result = RunSingle(Rule("tcp", 0, 65535, "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("tcp ports 0-65535 from 0.0.0.0/0 reaches ports 22, 3389", result.Reason);
    }

    [Fact]
    public void Evaluate_AllTrafficProtocol_ReturnsFail()
    {
        var result = RunSingle(Rule("-1", null, null, "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.StartsWith("all traffic from 0.0.0.0/0", result.Reason);
    }

    [Theory]
    [InlineData("udp", 3389, 3389)]
    [InlineData("6", 20, 30)]
    [InlineData("17", 3000, 4000)]
    [InlineData("TCP", 22, 22)]
    public void Evaluate_TcpOrUdpByNameOrNumberCoveringAdminPort_ReturnsFail(string protocol, int from, int to)
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(Rule(protocol, from, to, "0.0.0.0/0")).Status);
    }

    [Theory]
    [InlineData("tcp", 23, 3388)]
    [InlineData("tcp", 3390, 65535)]
    [InlineData("icmp", -1, -1)]
    [InlineData("50", null, null)]
    public void Evaluate_RangeOrProtocolMissingAdminPorts_ReturnsPass(string protocol, int? from, int? to)
    {
        Assert.Equal(ResultStatus.Pass, RunSingle(Rule(protocol, from, to, "0.0.0.0/0")).Status);
    }

    [Theory]
    [InlineData("tcp", null, null)]
    [InlineData("tcp", -1, -1)]
    public void Evaluate_TcpRuleWithoutPortRange_CoversEveryPort(string protocol, int? from, int? to)
    {
        var result = RunSingle(Rule(protocol, from, to, "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("tcp all ports from 0.0.0.0/0 reaches ports 22, 3389", result.Reason);
    }

    [Theory]
    [InlineData("10.0.0.0/0", ResultStatus.Fail)]
    [InlineData("0.0.0.0/00", ResultStatus.Fail)]
    [InlineData("0.0.0.0/1", ResultStatus.Pass)]
    [InlineData("203.0.113.7/32", ResultStatus.Pass)]
    public void Evaluate_SourceCidr_OnlyZeroPrefixCountsAsInternet(string cidr, ResultStatus expected)
    {
        Assert.Equal(expected, RunSingle(Rule("tcp", 22, 22, cidr)).Status);
    }

    [Fact]
    public void Evaluate_SeveralOpenRules_ReasonListsEachOnce()
    {
        var result = RunSingle(Rule("tcp", 22, 22, "0.0.0.0/0"), Rule("udp", 3389, 3389, "0.0.0.0/0"), Rule("tcp", 443, 443, "0.0.0.0/0"));

        Assert.Equal("tcp port 22 from 0.0.0.0/0 reaches port 22; udp port 3389 from 0.0.0.0/0 reaches port 3389", result.Reason);
    }

    [Fact]
    public void Evaluate_Ipv6OnlyRule_IsLeftToTheIpv6Check()
    {
        var rule = new IpPermission("tcp", 22, 22, [], ["::/0"], [], []);

        Assert.Equal(ResultStatus.Pass, RunSingle(rule).Status);
    }

    [Fact]
    public void Evaluate_CustomAdminPorts_AreHonoured()
    {
        var inventory = WithGroups(Group(Rule("tcp", 5985, 5986, "0.0.0.0/0")));
        var context = new EvaluationContext(inventory, TestInventory.Now) { Settings = new CheckSettings { AdminPorts = [22, 3389, 5985] } };

        var result = Assert.Single(new Ec2SecurityGroupAdminPortsIpv4().Evaluate(context));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("reaches port 5985", result.Reason);
    }

    [Fact]
    public void Evaluate_NoSecurityGroups_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new Ec2SecurityGroupAdminPortsIpv4().Run(WithGroups())).Status);
    }

    [Fact]
    public void Evaluate_DescribeDeniedInRegion_ReturnsOneErrorForThatRegion()
    {
        var inventory = WithGroups(Group(Rule("tcp", 443, 443, "0.0.0.0/0"))) with
        {
            Errors =
            [
                TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "us-east-1"),
                TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "us-east-1"),
            ],
        };

        var results = new Ec2SecurityGroupAdminPortsIpv4().Run(inventory);

        var error = Assert.Single(results, r => r.Status == ResultStatus.Error);
        Assert.Equal("us-east-1", error.Region);
        Assert.Equal("security-groups", error.ResourceId);
        Assert.DoesNotContain(results, r => r.Region == "us-east-1" && r.Status == ResultStatus.Pass);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.Region == "eu-west-1").Status);
    }

    [Fact]
    public void Evaluate_DescribeDeniedAndNoGroups_ReturnsErrorNotNotApplicable()
    {
        var inventory = WithGroups() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "eu-west-1")] };

        var result = Assert.Single(new Ec2SecurityGroupAdminPortsIpv4().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
