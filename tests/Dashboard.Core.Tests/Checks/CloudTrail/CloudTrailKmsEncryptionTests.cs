using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudTrail;

public class CloudTrailKmsEncryptionTests
{
    private static Trail Trail(string? kmsKeyId) => new()
    {
        Name = "audit",
        Arn = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit",
        HomeRegion = "eu-west-1",
        KmsKeyId = kmsKeyId,
    };

    private static IReadOnlyList<CheckResult> Run(params Trail[] trails) =>
        new CloudTrailKmsEncryption().Run(TestInventory.Empty() with { CloudTrail = new CloudTrailData { Trails = trails } });

    [Fact]
    public void Evaluate_TrailWithKmsKey_ReturnsPass()
    {
        var result = Assert.Single(Run(Trail("arn:aws:kms:eu-west-1:123456789012:key/abc")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit", result.ResourceArn);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/abc", result.Evidence["kmsKeyId"]);
    }

    [Fact]
    public void Evaluate_TrailWithoutKmsKey_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, Assert.Single(Run(Trail(null))).Status);
    }

    [Fact]
    public void Evaluate_NoTrails_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }

    [Fact]
    public void Evaluate_DescribeTrailsDenied_ReturnsErrorForThatRegion()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "us-east-1")] };

        var result = Assert.Single(new CloudTrailKmsEncryption().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("us-east-1", result.Region);
    }
}
