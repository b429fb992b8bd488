using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Macie;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Macie;

public class MacieDataDiscoveryEnabledTests
{
    private static AccountInventory With(Dictionary<string, MacieRegion> macie, params string[] bucketRegions) => TestInventory.Empty() with
    {
        S3 = new S3Data { Buckets = bucketRegions.Select((r, i) => new S3Bucket { Name = $"bucket-{i}", Region = r }).ToArray() },
        Macie = new MacieData { Regions = macie },
    };

    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory) => new MacieDataDiscoveryEnabled().Run(inventory);

    [Fact]
    public void Evaluate_AutomatedDiscoveryOn_ReturnsPass()
    {
        var result = Assert.Single(Run(With(new() { ["eu-west-1"] = new MacieRegion("ENABLED", true, 0) }, "eu-west-1")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("ENABLED", result.Evidence["automatedDiscovery"]);
    }

    [Fact]
    public void Evaluate_ClassificationJobOnly_ReturnsPass()
    {
        var result = Assert.Single(Run(With(new() { ["eu-west-1"] = new MacieRegion("ENABLED", false, 2) }, "eu-west-1")));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_MacieOffWhereBucketsLive_ReturnsManualWithBucketCount()
    {
        var result = Assert.Single(Run(With(new() { ["us-east-1"] = new MacieRegion("DISABLED", false, 0) }, "us-east-1", "us-east-1")));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("2", result.Evidence["buckets"]);
        Assert.Contains("disabled", result.Reason);
    }

    [Fact]
    public void Evaluate_EnabledWithoutDiscoveryOrJobs_ReturnsManual()
    {
        var result = Assert.Single(Run(With(new() { ["eu-west-1"] = new MacieRegion("ENABLED", false, 0) }, "eu-west-1")));

        Assert.Equal(ResultStatus.Manual, result.Status);
    }

    [Fact]
    public void Evaluate_RegionWithoutBuckets_IsSkipped()
    {
        var results = Run(With(new()
        {
            ["eu-west-1"] = new MacieRegion("ENABLED", true, 0),
            ["us-east-1"] = new MacieRegion("DISABLED", false, 0),
        }, "eu-west-1"));

        Assert.Equal(["eu-west-1"], results.Select(r => r.Region));
    }

    [Fact]
    public void Evaluate_NoBuckets_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(With(new()))).Status);
    }

    [Fact]
    public void Evaluate_SessionDeniedInBucketRegion_ReturnsError()
    {
        var inventory = With(new(), "eu-west-1") with { Errors = [TestInventory.AccessDenied("macie2", "GetMacieSession", "eu-west-1")] };

        var result = Assert.Single(Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("macie2:GetMacieSession", result.Reason);
    }
}
