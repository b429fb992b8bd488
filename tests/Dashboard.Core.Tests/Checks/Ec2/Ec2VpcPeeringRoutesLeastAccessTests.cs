using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2VpcPeeringRoutesLeastAccessTests
{
    private const string Pcx = "pcx-0123456789abcdef0";
    private static readonly VpcPeeringConnection Peering = new(Pcx, "eu-west-1", "vpc-a", "10.10.0.0/16", "vpc-b", "10.20.0.0/16", "active");

    private static RouteTable Table(string vpcId, params string[] destinations) => new()
    {
        RouteTableId = "rtb-" + vpcId, VpcId = vpcId, Region = "eu-west-1",
        Routes = destinations.Select(d => new Route(d, null, null, Pcx, null)).ToArray(),
    };

    private static CheckResult RunSingle(params RouteTable[] tables) =>
        Assert.Single(new Ec2VpcPeeringRoutesLeastAccess().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { VpcPeeringConnections = [Peering], RouteTables = tables } }));

    [Fact]
    public void Evaluate_NoRouteUsesConnection_ReturnsPass()
    {
        var result = RunSingle(Table("vpc-a"));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Pcx, result.ResourceId);
    }

    [Fact]
    public void Evaluate_RouteToWholePeerVpc_ReturnsFail()
    {
        var result = RunSingle(Table("vpc-a", "10.20.0.0/16"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("rtb-vpc-a routes 10.20.0.0/16", result.Reason);
    }

    [Fact]
    public void Evaluate_RouteWiderThanPeerVpcFromAccepterSide_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(Table("vpc-b", "10.0.0.0/8")).Status);
    }

    [Fact]
    public void Evaluate_DefaultRouteOverPeering_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(Table("vpc-a", "0.0.0.0/0")).Status);
    }

    [Fact]
    public void Evaluate_SubnetRoutesOnly_ReturnsManualWithRoutes()
    {
        var result = RunSingle(Table("vpc-a", "10.20.3.0/24"), Table("vpc-b", "10.10.8.0/24"));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("rtb-vpc-a: 10.20.3.0/24, rtb-vpc-b: 10.10.8.0/24", result.Evidence["routes"]);
    }

    [Fact]
    public void Evaluate_NoPeering_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new Ec2VpcPeeringRoutesLeastAccess().Run(TestInventory.Empty())).Status);
    }

    [Fact]
    public void Evaluate_RouteTablesDenied_ReturnsErrorForTheConnection()
    {
        var inventory = TestInventory.Empty() with
        {
            Ec2 = new Ec2Data { VpcPeeringConnections = [Peering] },
            Errors = [TestInventory.AccessDenied("ec2", "DescribeRouteTables", "eu-west-1")],
        };

        var result = Assert.Single(new Ec2VpcPeeringRoutesLeastAccess().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal(Pcx, result.ResourceId);
    }
}
