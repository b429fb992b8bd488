using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2EbsEncryptionByDefaultTests
{
    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory) => new Ec2EbsEncryptionByDefault().Run(inventory);

    private static AccountInventory With(params (string Region, bool On)[] settings) => TestInventory.Empty() with
    {
        Ec2 = new Ec2Data { EbsEncryptionByDefault = settings.ToDictionary(s => s.Region, s => s.On) },
    };

    [Fact]
    public void Evaluate_OnInEveryRegion_ReturnsPassPerRegion()
    {
        var results = Run(With(("us-east-1", true), ("eu-west-1", true)));

        Assert.Equal(["us-east-1", "eu-west-1"], results.Select(r => r.Region));
        Assert.All(results, r => Assert.Equal(ResultStatus.Pass, r.Status));
        Assert.All(results, r => Assert.Equal(TestInventory.AccountId, r.ResourceId));
    }

    [Fact]
    public void Evaluate_OffInOneRegion_ReturnsFailThere()
    {
        var results = Run(With(("us-east-1", true), ("eu-west-1", false)));

        Assert.Equal(ResultStatus.Fail, results.Single(r => r.Region == "eu-west-1").Status);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.Region == "us-east-1").Status);
    }

    [Fact]
    public void Evaluate_CallThrottledInRegion_ReturnsErrorThere()
    {
        var inventory = With(("us-east-1", true)) with
        {
            Errors = [new CollectionError("ec2", "eu-west-1", "GetEbsEncryptionByDefault", "RequestLimitExceeded", "slow down")],
        };

        var result = Run(inventory).Single(r => r.Region == "eu-west-1");

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("throttled", result.Reason);
    }

    [Fact]
    public void Evaluate_RegionNeitherCollectedNorFailed_ReturnsErrorNotPass()
    {
        var result = Run(With(("us-east-1", true))).Single(r => r.Region == "eu-west-1");

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("was not collected in eu-west-1", result.Reason);
    }

    [Fact]
    public void Evaluate_NoRegionsInScope_ReturnsNotApplicable()
    {
        var inventory = With() with { Regions = [] };

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(inventory)).Status);
    }
}
