using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3BucketMfaDeleteEnabledTests
{
    private static CheckResult RunSingle(S3Bucket bucket, params CollectionError[] errors) =>
        Assert.Single(new S3BucketMfaDeleteEnabled().Run(TestInventory.Empty() with { S3 = new S3Data { Buckets = [bucket] }, Errors = errors }));

    private static S3Bucket Bucket(string? versioning, bool mfaDelete) =>
        new() { Name = "audit-archive", Region = "us-east-1", VersioningStatus = versioning, MfaDeleteEnabled = mfaDelete };

    [Fact]
    public void Evaluate_VersioningAndMfaDelete_ReturnsPass()
    {
        var result = RunSingle(Bucket("Enabled", mfaDelete: true));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("Enabled", result.Evidence["mfaDelete"]);
    }

    [Fact]
    public void Evaluate_VersioningWithoutMfaDelete_ReturnsFail()
    {
        var result = RunSingle(Bucket("Enabled", mfaDelete: false));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("MFA Delete is not enabled", result.Reason);
    }

    [Fact]
    public void Evaluate_SuspendedVersioning_ReturnsFailEvenWithMfaDeleteFlag()
    {
        var result = RunSingle(Bucket("Suspended", mfaDelete: true));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("versioning is not enabled", result.Reason);
    }

    [Fact]
    public void Evaluate_VersioningDenied_ReturnsError()
    {
        var result = RunSingle(Bucket(null, false), TestInventory.AccessDenied("s3", "GetBucketVersioning", "us-east-1", "audit-archive"));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("audit-archive", result.ResourceId);
    }
}
