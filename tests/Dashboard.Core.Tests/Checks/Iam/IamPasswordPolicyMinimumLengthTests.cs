using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamPasswordPolicyMinimumLengthTests
{
    private static AccountInventory WithPolicy(PasswordPolicy? policy) =>
        TestInventory.Empty() with { Iam = new IamData { PasswordPolicy = policy } };

    [Theory]
    [InlineData(14)]
    [InlineData(32)]
    public void Evaluate_LengthAtLeastRequired_ReturnsPass(int length)
    {
        var result = Assert.Single(new IamPasswordPolicyMinimumLength().Run(WithPolicy(new PasswordPolicy { MinimumPasswordLength = length })));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal(Regions.Global, result.Region);
    }

    [Fact]
    public void Evaluate_ShortLength_ReturnsFail()
    {
        var result = Assert.Single(new IamPasswordPolicyMinimumLength().Run(WithPolicy(new PasswordPolicy { MinimumPasswordLength = 8 })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("8", result.Evidence["MinimumPasswordLength"]);
        Assert.Equal("14", result.Evidence["RequiredMinimumLength"]);
    }

    [Fact]
    public void Evaluate_NoPolicy_ReturnsFail()
    {
        var result = Assert.Single(new IamPasswordPolicyMinimumLength().Run(WithPolicy(null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no account password policy", result.Reason);
    }

    [Fact]
    public void Evaluate_CustomMinimumFromSettings_IsHonoured()
    {
        var context = new EvaluationContext(WithPolicy(new PasswordPolicy { MinimumPasswordLength = 14 }), TestInventory.Now)
        {
            Settings = new CheckSettings { PasswordMinimumLength = 16 },
        };

        var result = Assert.Single(new IamPasswordPolicyMinimumLength().Evaluate(context));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_PolicyAccessDenied_ReturnsErrorNotFailOrPass()
    {
        var inventory = WithPolicy(null) with { Errors = [TestInventory.AccessDenied("iam", "GetAccountPasswordPolicy")] };

        var result = Assert.Single(new IamPasswordPolicyMinimumLength().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("iam:GetAccountPasswordPolicy", result.Reason);
    }
}
