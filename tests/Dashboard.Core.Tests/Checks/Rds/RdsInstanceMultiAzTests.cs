using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Rds;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Rds.RdsTestData;

namespace Dashboard.Core.Tests.Checks.Rds;

public class RdsInstanceMultiAzTests
{
    private static RdsCluster Cluster(string id, bool multiAz) => new()
    {
        DbClusterIdentifier = id,
        Arn = $"arn:aws:rds:eu-west-1:123456789012:cluster:{id}",
        Region = "eu-west-1",
        MultiAz = multiAz,
    };

    [Fact]
    public void Evaluate_MultiAzInstance_ReturnsPass()
    {
        var result = Assert.Single(new RdsInstanceMultiAz().Run(With(Instance("orders") with { MultiAz = true })));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_SingleAzInstance_ReturnsFail()
    {
        var result = Assert.Single(new RdsInstanceMultiAz().Run(With(Instance("orders"))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("instance runs in a single Availability Zone", result.Reason);
    }

    [Fact]
    public void Evaluate_ClusterMember_UsesTheClusterSetting()
    {
        var member = Instance("tracking-1") with { DbClusterIdentifier = "tracking", MultiAz = false };
        var inventory = TestInventory.Empty() with { Rds = new RdsData { Instances = [member], Clusters = [Cluster("tracking", multiAz: true)] } };

        var result = Assert.Single(new RdsInstanceMultiAz().Run(inventory));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("tracking", result.Evidence["dbClusterIdentifier"]);
    }

    [Fact]
    public void Evaluate_ClusterMemberWithSingleAzCluster_ReturnsFail()
    {
        var member = Instance("tracking-1") with { DbClusterIdentifier = "tracking", MultiAz = true };
        var inventory = TestInventory.Empty() with { Rds = new RdsData { Instances = [member], Clusters = [Cluster("tracking", multiAz: false)] } };

        Assert.Equal(ResultStatus.Fail, Assert.Single(new RdsInstanceMultiAz().Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_ClustersDenied_ReturnsErrorForTheRegion()
    {
        var member = Instance("tracking-1") with { DbClusterIdentifier = "tracking" };
        var inventory = With(member) with { Errors = [TestInventory.AccessDenied("rds", "DescribeDBClusters", "eu-west-1")] };

        var result = Assert.Single(new RdsInstanceMultiAz().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("rds:DescribeDBClusters", result.Reason);
    }

    [Fact]
    public void Evaluate_ClustersDenied_DoesNotAffectStandaloneInstances()
    {
        var inventory = With(Instance("orders") with { MultiAz = true }) with { Errors = [TestInventory.AccessDenied("rds", "DescribeDBClusters", "eu-west-1")] };

        Assert.Equal(ResultStatus.Pass, Assert.Single(new RdsInstanceMultiAz().Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_NoInstances_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new RdsInstanceMultiAz().Run(With())).Status);
    }
}
