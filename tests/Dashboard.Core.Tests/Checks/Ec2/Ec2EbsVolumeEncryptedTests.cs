using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2EbsVolumeEncryptedTests
{
    private static EbsVolume Volume(string id, bool encrypted, string state = "in-use") => new(id, "eu-west-1", encrypted, state, new Dictionary<string, string>());

    private static IReadOnlyList<CheckResult> Run(params EbsVolume[] volumes) =>
        new Ec2EbsVolumeEncrypted().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { Volumes = volumes } });

    [Fact]
    public void Evaluate_EncryptedVolume_ReturnsPass()
    {
        var result = Assert.Single(Run(Volume("vol-1", true)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:volume/vol-1", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_UnencryptedVolume_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, Assert.Single(Run(Volume("vol-2", false, "available"))).Status);
    }

    [Fact]
    public void Evaluate_NoVolumes_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }

    [Fact]
    public void Evaluate_DescribeVolumesDenied_ReturnsErrorNextToCollectedVolumes()
    {
        var inventory = TestInventory.Empty() with
        {
            Ec2 = new Ec2Data { Volumes = [Volume("vol-1", true)] },
            Errors = [TestInventory.AccessDenied("ec2", "DescribeVolumes", "us-east-1")],
        };

        var results = new Ec2EbsVolumeEncrypted().Run(inventory);

        Assert.Equal(ResultStatus.Error, results.Single(r => r.Region == "us-east-1").Status);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.Region == "eu-west-1").Status);
    }
}
