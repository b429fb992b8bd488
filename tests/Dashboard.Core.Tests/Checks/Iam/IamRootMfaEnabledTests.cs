using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamRootMfaEnabledTests
{
    private static AccountInventory WithSummary(int mfa, int password) =>
        TestInventory.Empty() with
        {
            Iam = new IamData
            {
                AccountSummary = new Dictionary<string, int> { ["AccountMFAEnabled"] = mfa, ["AccountPasswordPresent"] = password },
            },
        };

    [Fact]
    public void Evaluate_RootWithMfa_ReturnsPass()
    {
        var result = Assert.Single(new IamRootMfaEnabled().Run(WithSummary(mfa: 1, password: 1)));
        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("arn:aws:iam::123456789012:root", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_RootWithoutPassword_ReturnsPass()
    {
        var result = Assert.Single(new IamRootMfaEnabled().Run(WithSummary(mfa: 0, password: 0)));
        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("no password", result.Reason);
    }

    [Fact]
    public void Evaluate_RootPasswordWithoutMfa_ReturnsFail()
    {
        var result = Assert.Single(new IamRootMfaEnabled().Run(WithSummary(mfa: 0, password: 1)));
        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_SummaryAccessDenied_ReturnsErrorNotPass()
    {
        var inventory = WithSummary(mfa: 1, password: 1) with { Errors = [TestInventory.AccessDenied("iam", "GetAccountSummary")] };
        var result = Assert.Single(new IamRootMfaEnabled().Run(inventory));
        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("access denied: iam:GetAccountSummary", result.Reason);
    }
}
