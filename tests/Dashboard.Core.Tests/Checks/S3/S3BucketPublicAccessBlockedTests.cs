using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3BucketPublicAccessBlockedTests
{
    private static S3Bucket Bucket(PublicAccessBlock? block, string name = "data") =>
        new() { Name = name, Region = "eu-west-1", PublicAccessBlock = block };

    private static AccountInventory With(PublicAccessBlock? account, params S3Bucket[] buckets) =>
        TestInventory.Empty() with { S3 = new S3Data { AccountPublicAccessBlock = account, Buckets = buckets } };

    private static CollectionError BucketDenied(string bucket = "data") =>
        TestInventory.AccessDenied("s3", "GetPublicAccessBlock", "eu-west-1", bucket);

    private static CollectionError AccountDenied() => TestInventory.AccessDenied("s3control", "GetPublicAccessBlock");

    [Fact]
    public void Evaluate_BucketBlocksEverything_ReturnsPass()
    {
        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(With(null, Bucket(PublicAccessBlock.AllOn))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("data", result.ResourceId);
        Assert.Equal("arn:aws:s3:::data", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_AccountBlocksEverything_ReturnsPass()
    {
        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(With(PublicAccessBlock.AllOn, Bucket(null))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("account-level", result.Reason);
    }

    [Fact]
    public void Evaluate_SettingsSplitBetweenBucketAndAccount_ReturnsPass()
    {
        var bucket = Bucket(new PublicAccessBlock(BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false));
        var account = new PublicAccessBlock(BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true);

        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(With(account, bucket)));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_BucketWithoutBlock_ReturnsFail()
    {
        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(With(null, Bucket(null))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("not configured", result.Evidence["bucketPublicAccessBlock"]);
        Assert.Equal("not configured", result.Evidence["accountPublicAccessBlock"]);
    }

    [Fact]
    public void Evaluate_SomeSettingsOffAtBothLevels_ReturnsFailNamingThem()
    {
        var bucket = Bucket(PublicAccessBlock.AllOn with { BlockPublicPolicy = false, RestrictPublicBuckets = false });
        var account = PublicAccessBlock.AllOff with { RestrictPublicBuckets = true };

        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(With(account, bucket)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("not blocked at bucket or account level: BlockPublicPolicy", result.Reason);
    }

    [Fact]
    public void Evaluate_BucketCallDenied_ReturnsErrorNotPass()
    {
        var inventory = With(PublicAccessBlock.AllOn with { IgnorePublicAcls = false }, Bucket(null)) with { Errors = [BucketDenied()] };

        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("s3:GetPublicAccessBlock in eu-west-1 for data", result.Reason);
    }

    [Fact]
    public void Evaluate_BucketCallDeniedButAccountBlocksEverything_ReturnsPass()
    {
        var inventory = With(PublicAccessBlock.AllOn, Bucket(null)) with { Errors = [BucketDenied()] };

        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(inventory));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("unknown", result.Evidence["bucketPublicAccessBlock"]);
    }

    [Fact]
    public void Evaluate_AccountCallDenied_ReturnsErrorUnlessBucketBlocksEverything()
    {
        var inventory = With(null, Bucket(null, "open"), Bucket(PublicAccessBlock.AllOn, "closed")) with { Errors = [AccountDenied()] };

        var results = new S3BucketPublicAccessBlocked().Run(inventory);

        Assert.Equal(ResultStatus.Error, results.Single(r => r.ResourceId == "open").Status);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.ResourceId == "closed").Status);
    }

    [Fact]
    public void Evaluate_ErrorForOtherBucket_DoesNotAffectThisBucket()
    {
        var inventory = With(null, Bucket(null)) with { Errors = [BucketDenied("other")] };

        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(inventory));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_NoBuckets_ReturnsNotApplicable()
    {
        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(With(null)));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_ListBucketsDenied_ReturnsErrorNotNotApplicable()
    {
        var inventory = With(PublicAccessBlock.AllOn) with { Errors = [TestInventory.AccessDenied("s3", "ListBuckets")] };

        var result = Assert.Single(new S3BucketPublicAccessBlocked().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("buckets", result.ResourceId);
    }
}
