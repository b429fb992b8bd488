using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Kms;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Kms;

public class KmsKeyRotationEnabledTests
{
    private static KmsKey Key(string id, bool? rotation) => new()
    {
        KeyId = id, Arn = $"arn:aws:kms:eu-west-1:123456789012:key/{id}", Region = "eu-west-1", KeyRotationEnabled = rotation,
    };

    private static IReadOnlyList<CheckResult> Run(IReadOnlyList<KmsKey> keys, params CollectionError[] errors) =>
        new KmsKeyRotationEnabled().Run(TestInventory.Empty() with { Kms = new KmsData { Keys = keys }, Errors = errors });

    [Fact]
    public void Evaluate_RotatingCustomerKey_ReturnsPass()
    {
        var result = Assert.Single(Run([Key("k1", true)]));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/k1", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_CustomerKeyWithoutRotation_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, Assert.Single(Run([Key("k1", false)])).Status);
    }

    [Fact]
    public void Evaluate_AwsManagedAsymmetricAndDisabledKeys_AreNotJudged()
    {
        var results = Run([Key("aws", false) with { KeyManager = "AWS" }, Key("rsa", null) with { KeySpec = "RSA_2048" }, Key("off", false) with { KeyState = "Disabled" }]);

        var result = Assert.Single(results);
        Assert.Equal(ResultStatus.NotApplicable, result.Status);
        Assert.Equal(Regions.Global, result.Region);
    }

    [Fact]
    public void Evaluate_ImportedKeyMaterial_ReturnsNotApplicableForTheKey()
    {
        var result = Assert.Single(Run([Key("ext", null) with { Origin = "EXTERNAL" }]));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
        Assert.Equal("ext", result.ResourceId);
    }

    [Fact]
    public void Evaluate_RotationStatusDenied_ReturnsError()
    {
        var result = Assert.Single(Run([Key("k1", null)], TestInventory.AccessDenied("kms", "GetKeyRotationStatus", "eu-west-1", "k1")));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("kms:GetKeyRotationStatus", result.Reason);
    }

    [Fact]
    public void Evaluate_RotationStatusMissingWithoutError_ReturnsError()
    {
        Assert.Equal(ResultStatus.Error, Assert.Single(Run([Key("k1", null)])).Status);
    }

    [Fact]
    public void Evaluate_ListKeysDenied_ReturnsErrorNotNotApplicable()
    {
        var result = Assert.Single(Run([], TestInventory.AccessDenied("kms", "ListKeys", "eu-west-1")));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
