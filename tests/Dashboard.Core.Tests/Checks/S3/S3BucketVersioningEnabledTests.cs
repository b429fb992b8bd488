using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3BucketVersioningEnabledTests
{
    private static AccountInventory WithBuckets(params S3Bucket[] buckets) => TestInventory.Empty() with { S3 = new S3Data { Buckets = buckets } };

    private static S3Bucket Bucket(string? versioning, string name = "data") => new() { Name = name, Region = "eu-west-1", VersioningStatus = versioning };

    [Fact]
    public void Evaluate_VersioningEnabled_ReturnsPass()
    {
        var result = Assert.Single(new S3BucketVersioningEnabled().Run(WithBuckets(Bucket("Enabled"))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("data", result.ResourceId);
        Assert.Equal("arn:aws:s3:::data", result.ResourceArn);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Theory]
    [InlineData("Suspended", "versioning is suspended")]
    [InlineData(null, "versioning was never enabled")]
    public void Evaluate_VersioningOff_ReturnsFail(string? status, string reason)
    {
        var result = Assert.Single(new S3BucketVersioningEnabled().Run(WithBuckets(Bucket(status))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Evaluate_NoBuckets_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new S3BucketVersioningEnabled().Run(WithBuckets())).Status);
    }

    [Fact]
    public void Evaluate_VersioningDeniedForOneBucket_ReturnsErrorForThatBucketOnly()
    {
        var inventory = WithBuckets(Bucket(null, "locked"), Bucket("Enabled", "open")) with
        {
            Errors = [TestInventory.AccessDenied("s3", "GetBucketVersioning", "eu-west-1", "locked")],
        };

        var results = new S3BucketVersioningEnabled().Run(inventory);

        Assert.Equal(ResultStatus.Error, Assert.Single(results, r => r.ResourceId == "locked").Status);
        Assert.Equal(ResultStatus.Pass, Assert.Single(results, r => r.ResourceId == "open").Status);
    }

    [Fact]
    public void Evaluate_ListBucketsDenied_ReturnsError()
    {
        var inventory = WithBuckets() with { Errors = [TestInventory.AccessDenied("s3", "ListBuckets")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new S3BucketVersioningEnabled().Run(inventory)).Status);
    }
}
