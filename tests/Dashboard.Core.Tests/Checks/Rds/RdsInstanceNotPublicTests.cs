using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Rds;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Rds.RdsTestData;

namespace Dashboard.Core.Tests.Checks.Rds;

public class RdsInstanceNotPublicTests
{
    [Fact]
    public void Evaluate_PrivateInstance_ReturnsPass()
    {
        var result = Assert.Single(new RdsInstanceNotPublic().Run(With(Instance("orders"))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("unknown", result.Evidence["subnetsRoutedToInternetGateway"]);
    }

    [Fact]
    public void Evaluate_PublicInstance_ReturnsFail()
    {
        var result = Assert.Single(new RdsInstanceNotPublic().Run(With(Instance("reporting") with { PubliclyAccessible = true })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("instance is publicly accessible", result.Reason);
    }

    [Fact]
    public void Evaluate_PublicInstanceInSubnetRoutedToInternetGateway_SaysSo()
    {
        var instance = Instance("reporting") with { PubliclyAccessible = true, SubnetIds = ["subnet-a", "subnet-b"] };
        var inventory = With(instance) with
        {
            Ec2 = new Ec2Data
            {
                Subnets = [new Subnet("subnet-a", "vpc-1", "eu-west-1", "10.0.0.0/24", true), new Subnet("subnet-b", "vpc-1", "eu-west-1", "10.0.1.0/24", false)],
                RouteTables =
                [
                    new RouteTable { RouteTableId = "rtb-main", VpcId = "vpc-1", Region = "eu-west-1", IsMain = true, Routes = [new Route("0.0.0.0/0", null, "igw-1", null, null)] },
                    new RouteTable { RouteTableId = "rtb-private", VpcId = "vpc-1", Region = "eu-west-1", SubnetIds = ["subnet-b"], Routes = [new Route("10.0.0.0/16", null, "local", null, null)] },
                ],
            },
        };

        var result = Assert.Single(new RdsInstanceNotPublic().Run(inventory));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("internet gateway", result.Reason);
        Assert.Equal("subnet-a", result.Evidence["subnetsRoutedToInternetGateway"]);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsError()
    {
        Assert.Equal(ResultStatus.Error, Assert.Single(new RdsInstanceNotPublic().Run(With() with { Errors = [DescribeDenied("eu-west-1")] })).Status);
    }
}
