using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2SecurityGroupDatabasePortsTests
{
    private static SecurityGroup Group(IpPermission rule) => new() { GroupId = "sg-0bbbbbbbbbbbbbbbb", GroupName = "db", Region = "us-east-1", Ingress = [rule] };

    private static CheckResult RunSingle(IpPermission rule, CheckSettings? settings = null)
    {
        var inventory = TestInventory.Empty() with { Ec2 = new Ec2Data { SecurityGroups = [Group(rule)] } };
        return Assert.Single(new Ec2SecurityGroupDatabasePorts().Evaluate(new EvaluationContext(inventory, TestInventory.Now) { Settings = settings ?? new CheckSettings() }));
    }

    [Theory]
    [InlineData(1433)]
    [InlineData(3306)]
    [InlineData(5432)]
    [InlineData(6379)]
    [InlineData(27017)]
    public void Evaluate_DatabasePortFromInternet_ReturnsFail(int port)
    {
        var result = RunSingle(new IpPermission("tcp", port, port, ["0.0.0.0/0"], [], [], []));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.EndsWith($"reaches port {port}", result.Reason);
    }

    [Fact]
    public void Evaluate_PostgresFromIpv6Internet_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(new IpPermission("tcp", 5432, 5432, [], ["::/0"], [], [])).Status);
    }

    [Fact]
    public void Evaluate_PostgresFromAppSecurityGroup_ReturnsPass()
    {
        var result = RunSingle(new IpPermission("tcp", 5432, 5432, [], [], [], ["sg-0ccccccccccccccccc"]));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("5432", result.Evidence["databasePorts"]);
    }

    [Fact]
    public void Evaluate_HttpsFromInternet_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, RunSingle(new IpPermission("tcp", 443, 443, ["0.0.0.0/0"], [], [], [])).Status);
    }

    [Fact]
    public void Evaluate_CustomDatabasePorts_AreHonoured()
    {
        var result = RunSingle(new IpPermission("tcp", 8086, 8086, ["0.0.0.0/0"], [], [], []), new CheckSettings { DatabasePorts = [8086] });

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeSecurityGroups", "us-east-1")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new Ec2SecurityGroupDatabasePorts().Run(inventory)).Status);
    }
}
