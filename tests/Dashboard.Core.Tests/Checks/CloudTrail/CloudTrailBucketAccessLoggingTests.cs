using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudTrail;

public class CloudTrailBucketAccessLoggingTests
{
    private static Trail Trail(string name, string bucket) => new()
    {
        Name = name,
        Arn = $"arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}",
        HomeRegion = "us-east-1",
        S3BucketName = bucket,
    };

    private static S3Bucket Bucket(string name, string? target) => new() { Name = name, Region = "us-east-1", LoggingTargetBucket = target };

    private static AccountInventory Inventory(IReadOnlyList<Trail> trails, params S3Bucket[] buckets) => TestInventory.Empty() with
    {
        CloudTrail = new CloudTrailData { Trails = trails },
        S3 = new S3Data { Buckets = buckets },
    };

    [Fact]
    public void Evaluate_BucketWithAccessLogging_ReturnsOnePassPerBucket()
    {
        var inventory = Inventory([Trail("a", "trail-logs"), Trail("b", "trail-logs")], Bucket("trail-logs", "access-logs"));

        var result = Assert.Single(new CloudTrailBucketAccessLogging().Run(inventory));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("trail-logs", result.ResourceId);
        Assert.Equal("arn:aws:s3:::trail-logs", result.ResourceArn);
        Assert.Contains("trail/a", result.Evidence["trails"]);
        Assert.Contains("trail/b", result.Evidence["trails"]);
    }

    [Fact]
    public void Evaluate_BucketWithoutAccessLogging_ReturnsFail()
    {
        var result = Assert.Single(new CloudTrailBucketAccessLogging().Run(Inventory([Trail("a", "trail-logs")], Bucket("trail-logs", null))));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_BucketInAnotherAccount_ReturnsManual()
    {
        var result = Assert.Single(new CloudTrailBucketAccessLogging().Run(Inventory([Trail("org", "log-archive-bucket")])));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Contains("not in this account's bucket list", result.Reason);
    }

    [Fact]
    public void Evaluate_BucketLoggingDenied_ReturnsError()
    {
        var inventory = Inventory([Trail("a", "trail-logs")], Bucket("trail-logs", null)) with
        {
            Errors = [TestInventory.AccessDenied("s3", "GetBucketLogging", "us-east-1", "trail-logs")],
        };

        var result = Assert.Single(new CloudTrailBucketAccessLogging().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("s3:GetBucketLogging", result.Reason);
    }

    [Fact]
    public void Evaluate_ListBucketsDeniedAndBucketUnknown_ReturnsErrorNotManual()
    {
        var inventory = Inventory([Trail("a", "trail-logs")]) with { Errors = [TestInventory.AccessDenied("s3", "ListBuckets")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new CloudTrailBucketAccessLogging().Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_NoTrails_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new CloudTrailBucketAccessLogging().Run(Inventory([]))).Status);
    }
}
