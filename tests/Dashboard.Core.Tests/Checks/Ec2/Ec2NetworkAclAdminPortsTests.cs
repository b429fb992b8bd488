using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2NetworkAclAdminPortsTests
{
    private static NetworkAclEntry In(int number, string protocol, string action, string cidr, int? from = null, int? to = null) =>
        cidr.Contains(':', StringComparison.Ordinal)
            ? new(number, protocol, action, false, null, cidr, from, to)
            : new(number, protocol, action, false, cidr, null, from, to);

    private static readonly NetworkAclEntry DefaultDeny = In(32767, "-1", "deny", "0.0.0.0/0");

    private static CheckResult RunSingle(params NetworkAclEntry[] entries)
    {
        var acl = new NetworkAcl { NetworkAclId = "acl-0123456789abcdef0", VpcId = "vpc-1", Region = "eu-west-1", Entries = [.. entries, DefaultDeny] };
        return Assert.Single(new Ec2NetworkAclAdminPorts().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { NetworkAcls = [acl] } }));
    }

    [Fact]
    public void Evaluate_OnlyWebPortsAllowed_ReturnsPass()
    {
        var result = RunSingle(In(100, "6", "allow", "0.0.0.0/0", 443, 443), In(110, "6", "allow", "0.0.0.0/0", 80, 80));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:network-acl/acl-0123456789abcdef0", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_EphemeralRangeFromInternet_CoversRdpAndFails()
    {
        var result = RunSingle(In(110, "6", "allow", "0.0.0.0/0", 1024, 65535));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("rule 110 allows tcp ports 1024-65535 from 0.0.0.0/0 to port 3389", result.Reason);
    }

    [Fact]
    public void Evaluate_DefaultAllowAll_ReturnsFail()
    {
        var result = RunSingle(In(100, "-1", "allow", "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("rule 100 allows all traffic from 0.0.0.0/0 to ports 22, 3389", result.Reason);
    }

    [Fact]
    public void Evaluate_SshRangeFromIpv6Internet_ReturnsFail()
    {
        var result = RunSingle(In(120, "6", "allow", "::/0", 20, 25));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("rule 120 allows tcp ports 20-25 from ::/0 to port 22", result.Reason);
    }

    [Fact]
    public void Evaluate_LowerNumberedDenyShadowsAllow_ReturnsPass()
    {
        var result = RunSingle(
            In(50, "6", "deny", "0.0.0.0/0", 22, 22),
            In(55, "17", "deny", "0.0.0.0/0", 22, 22),
            In(60, "6", "deny", "0.0.0.0/0", 3389, 3389),
            In(70, "17", "deny", "0.0.0.0/0", 3389, 3389),
            In(100, "-1", "allow", "0.0.0.0/0"));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_DenyAfterAllow_DoesNotHelp()
    {
        var result = RunSingle(In(100, "6", "allow", "0.0.0.0/0", 22, 22), In(200, "6", "deny", "0.0.0.0/0", 22, 22));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_AllowFromPrivateRange_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, RunSingle(In(100, "-1", "allow", "10.0.0.0/8")).Status);
    }

    [Fact]
    public void Evaluate_EgressAllowAll_IsIgnored()
    {
        var acl = new NetworkAcl
        {
            NetworkAclId = "acl-0123456789abcdef0", VpcId = "vpc-1", Region = "eu-west-1",
            Entries = [new NetworkAclEntry(100, "-1", "allow", true, "0.0.0.0/0", null, null, null), DefaultDeny],
        };

        var result = Assert.Single(new Ec2NetworkAclAdminPorts().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { NetworkAcls = [acl] } }));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_NoAcls_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new Ec2NetworkAclAdminPorts().Run(TestInventory.Empty())).Status);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeNetworkAcls", "eu-west-1")] };

        var result = Assert.Single(new Ec2NetworkAclAdminPorts().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("eu-west-1", result.Region);
    }
}
