using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Rds;
using static Dashboard.Core.Tests.Checks.Rds.RdsTestData;

namespace Dashboard.Core.Tests.Checks.Rds;

public class RdsInstanceStorageEncryptedTests
{
    [Fact]
    public void Evaluate_EncryptedInstance_ReturnsPass()
    {
        var result = Assert.Single(new RdsInstanceStorageEncrypted().Run(With(Instance("orders") with { StorageEncrypted = true, KmsKeyId = "key/1" })));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("orders", result.ResourceId);
        Assert.Equal("arn:aws:rds:eu-west-1:123456789012:db:orders", result.ResourceArn);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Fact]
    public void Evaluate_UnencryptedInstance_ReturnsFail()
    {
        var result = Assert.Single(new RdsInstanceStorageEncrypted().Run(With(Instance("legacy"))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("false", result.Evidence["storageEncrypted"]);
    }

    [Fact]
    public void Evaluate_NoInstances_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new RdsInstanceStorageEncrypted().Run(With())).Status);
    }

    [Fact]
    public void Evaluate_DescribeDeniedInARegion_ReturnsErrorForThatRegionAndJudgesTheOthers()
    {
        var inventory = With(Instance("orders") with { StorageEncrypted = true }) with { Errors = [DescribeDenied("us-east-1")] };

        var results = new RdsInstanceStorageEncrypted().Run(inventory);

        Assert.Equal(ResultStatus.Error, Assert.Single(results, r => r.Region == "us-east-1").Status);
        Assert.Equal(ResultStatus.Pass, Assert.Single(results, r => r.Region == "eu-west-1").Status);
    }
}
