using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Efs;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Efs;

public class EfsFileSystemEncryptedTests
{
    private static EfsFileSystem FileSystem(string id, bool encrypted, string region = "eu-west-1") => new()
    {
        FileSystemId = id,
        Arn = $"arn:aws:elasticfilesystem:{region}:123456789012:file-system/{id}",
        Region = region,
        Encrypted = encrypted,
    };

    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory) => new EfsFileSystemEncrypted().Run(inventory);

    private static AccountInventory With(params EfsFileSystem[] fileSystems) => TestInventory.Empty() with { Efs = new EfsData { FileSystems = fileSystems } };

    [Fact]
    public void Evaluate_EncryptedFileSystem_ReturnsPass()
    {
        var result = Assert.Single(Run(With(FileSystem("fs-0a1b2c3d", encrypted: true))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("fs-0a1b2c3d", result.ResourceId);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Fact]
    public void Evaluate_UnencryptedFileSystem_ReturnsFail()
    {
        var result = Assert.Single(Run(With(FileSystem("fs-0a1b2c3d", encrypted: false))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("false", result.Evidence["encrypted"]);
    }

    [Fact]
    public void Evaluate_NoFileSystems_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(With())).Status);
    }

    [Fact]
    public void Evaluate_DescribeDeniedInARegion_ReturnsErrorAndNoNotApplicable()
    {
        var inventory = With() with { Errors = [TestInventory.AccessDenied("elasticfilesystem", "DescribeFileSystems", "us-east-1")] };

        var result = Assert.Single(Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("us-east-1", result.Region);
    }
}
