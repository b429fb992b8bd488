using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamRootNoAccessKeysTests
{
    private static AccountInventory WithSummary(params (string Key, int Value)[] entries) =>
        TestInventory.Empty() with
        {
            Iam = new IamData { AccountSummary = entries.ToDictionary(e => e.Key, e => e.Value) },
        };

    [Fact]
    public void Evaluate_RootWithoutKeys_ReturnsPass()
    {
        var result = Assert.Single(new IamRootNoAccessKeys().Run(WithSummary(("AccountAccessKeysPresent", 0))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Regions.Global, result.Region);
        Assert.Equal("arn:aws:iam::123456789012:root", result.ResourceArn);
        Assert.Equal("0", result.Evidence["AccountAccessKeysPresent"]);
    }

    [Fact]
    public void Evaluate_RootWithKeys_ReturnsFail()
    {
        var result = Assert.Single(new IamRootNoAccessKeys().Run(WithSummary(("AccountAccessKeysPresent", 1))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("has access keys", result.Reason);
    }

    [Fact]
    public void Evaluate_SummaryAccessDenied_ReturnsErrorNotPass()
    {
        var inventory = WithSummary(("AccountAccessKeysPresent", 0)) with { Errors = [TestInventory.AccessDenied("iam", "GetAccountSummary")] };

        var result = Assert.Single(new IamRootNoAccessKeys().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("access denied: iam:GetAccountSummary", result.Reason);
    }

    [Fact]
    public void Evaluate_SummaryNotCollected_ReturnsError()
    {
        var result = Assert.Single(new IamRootNoAccessKeys().Run(TestInventory.Empty()));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_SummaryWithoutKeyCount_ReturnsErrorNotPass()
    {
        var result = Assert.Single(new IamRootNoAccessKeys().Run(WithSummary(("AccountMFAEnabled", 1))));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("AccountAccessKeysPresent", result.Reason);
    }
}
