using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3BucketNotPublicTests
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string Policy = """{"Version":"2012-10-17","Statement":[]}""";

    private static S3Bucket Bucket() => new() { Name = "website", Region = "eu-west-1" };

    private static CheckResult RunSingle(S3Bucket bucket, params CollectionError[] errors) =>
        Assert.Single(new S3BucketNotPublic().Run(TestInventory.Empty() with { S3 = new S3Data { Buckets = [bucket] }, Errors = errors }));

    [Fact]
    public void Evaluate_PrivatePolicyAndNoAclGrants_ReturnsPass()
    {
        var result = RunSingle(Bucket() with { Policy = Policy, PolicyIsPublic = false });

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("false", result.Evidence["policyIsPublic"]);
    }

    [Fact]
    public void Evaluate_NoPolicyAtAll_ReturnsPass()
    {
        var result = RunSingle(Bucket());

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("no policy", result.Evidence["policyIsPublic"]);
    }

    [Fact]
    public void Evaluate_PublicPolicy_ReturnsFail()
    {
        var result = RunSingle(Bucket() with { Policy = Policy, PolicyIsPublic = true });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("bucket policy is public", result.Reason);
    }

    [Fact]
    public void Evaluate_AclGrantToAllUsers_ReturnsFailNamingTheGrant()
    {
        var result = RunSingle(Bucket() with { PublicAclGrants = [new BucketAclGrant(AllUsers, "READ")] });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("ACL grants READ to AllUsers", result.Reason);
    }

    [Fact]
    public void Evaluate_PolicyWithUnknownStatus_ReturnsError()
    {
        var result = RunSingle(Bucket() with { Policy = Policy, PolicyIsPublic = null });

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_AclDenied_ReturnsError()
    {
        var result = RunSingle(Bucket(), TestInventory.AccessDenied("s3", "GetBucketAcl", "eu-west-1", "website"));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("s3:GetBucketAcl", result.Reason);
    }
}
