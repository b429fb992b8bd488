using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3AccountPublicAccessBlockedTests
{
    private static AccountInventory WithAccountBlock(PublicAccessBlock? block) =>
        TestInventory.Empty() with { S3 = new S3Data { AccountPublicAccessBlock = block } };

    [Fact]
    public void Evaluate_AllFourOn_ReturnsPass()
    {
        var result = Assert.Single(new S3AccountPublicAccessBlocked().Run(WithAccountBlock(PublicAccessBlock.AllOn)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Regions.Global, result.Region);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
    }

    [Fact]
    public void Evaluate_OneSettingOff_ReturnsFailNamingIt()
    {
        var block = PublicAccessBlock.AllOn with { RestrictPublicBuckets = false };

        var result = Assert.Single(new S3AccountPublicAccessBlocked().Run(WithAccountBlock(block)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.EndsWith("off for RestrictPublicBuckets", result.Reason);
    }

    [Fact]
    public void Evaluate_NotConfigured_ReturnsFail()
    {
        var result = Assert.Single(new S3AccountPublicAccessBlocked().Run(WithAccountBlock(null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("not configured", result.Reason);
    }

    [Fact]
    public void Evaluate_AccountBlockAccessDenied_ReturnsErrorNotFail()
    {
        var inventory = WithAccountBlock(null) with { Errors = [TestInventory.AccessDenied("s3control", "GetPublicAccessBlock")] };

        var result = Assert.Single(new S3AccountPublicAccessBlocked().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("s3control:GetPublicAccessBlock", result.Reason);
    }

    [Fact]
    public void Evaluate_BucketLevelErrorOnly_DoesNotAffectAccountResult()
    {
        var inventory = WithAccountBlock(PublicAccessBlock.AllOn) with
        {
            Errors = [TestInventory.AccessDenied("s3", "GetPublicAccessBlock", "eu-west-1", "some-bucket")],
        };

        var result = Assert.Single(new S3AccountPublicAccessBlocked().Run(inventory));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }
}
