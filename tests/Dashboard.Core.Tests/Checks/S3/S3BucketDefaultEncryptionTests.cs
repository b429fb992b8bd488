using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3BucketDefaultEncryptionTests
{
    private const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static AccountInventory WithBuckets(params S3Bucket[] buckets) =>
        TestInventory.Empty() with { S3 = new S3Data { Buckets = buckets } };

    private static S3Bucket Bucket(BucketEncryption? encryption, string name = "data") =>
        new() { Name = name, Region = "eu-west-1", Encryption = encryption };

    [Fact]
    public void Evaluate_KmsDefaultEncryption_ReturnsPassWithAlgorithmAndKey()
    {
        var bucket = Bucket(new BucketEncryption("aws:kms", KeyArn, BucketKeyEnabled: true));

        var result = Assert.Single(new S3BucketDefaultEncryption().Run(WithBuckets(bucket)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("aws:kms", result.Evidence["sseAlgorithm"]);
        Assert.Equal(KeyArn, result.Evidence["kmsKey"]);
        Assert.Equal("true", result.Evidence["bucketKeyEnabled"]);
    }

    [Theory]
    [InlineData("AES256", "S3 managed keys")]
    [InlineData("aws:kms", "AWS managed key (aws/s3)")]
    public void Evaluate_DefaultEncryptionWithoutKeyId_ReturnsPassNamingKeyKind(string algorithm, string key)
    {
        var result = Assert.Single(new S3BucketDefaultEncryption().Run(WithBuckets(Bucket(new BucketEncryption(algorithm)))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(key, result.Evidence["kmsKey"]);
    }

    [Fact]
    public void Evaluate_NoDefaultEncryption_ReturnsFail()
    {
        var result = Assert.Single(new S3BucketDefaultEncryption().Run(WithBuckets(Bucket(null))));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_EncryptionCallDenied_ReturnsErrorNotFail()
    {
        var inventory = WithBuckets(Bucket(null), Bucket(new BucketEncryption("AES256"), "other")) with
        {
            Errors = [TestInventory.AccessDenied("s3", "GetBucketEncryption", "eu-west-1", "data")],
        };

        var results = new S3BucketDefaultEncryption().Run(inventory);

        var denied = results.Single(r => r.ResourceId == "data");
        Assert.Equal(ResultStatus.Error, denied.Status);
        Assert.Contains("s3:GetBucketEncryption", denied.Reason);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.ResourceId == "other").Status);
    }

    [Fact]
    public void Evaluate_NoBuckets_ReturnsNotApplicable()
    {
        var result = Assert.Single(new S3BucketDefaultEncryption().Run(WithBuckets()));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_ListBucketsDenied_ReturnsError()
    {
        var inventory = WithBuckets() with { Errors = [TestInventory.AccessDenied("s3", "ListBuckets")] };

        var result = Assert.Single(new S3BucketDefaultEncryption().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
