using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamPasswordPolicyReusePreventionTests
{
    private static AccountInventory WithPolicy(PasswordPolicy? policy) =>
        TestInventory.Empty() with { Iam = new IamData { PasswordPolicy = policy } };

    [Fact]
    public void Evaluate_Remembers24Passwords_ReturnsPass()
    {
        var result = Assert.Single(new IamPasswordPolicyReusePrevention().Run(WithPolicy(new PasswordPolicy { PasswordReusePrevention = 24 })));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("24", result.Evidence["PasswordReusePrevention"]);
    }

    [Fact]
    public void Evaluate_RemembersFewerPasswords_ReturnsFail()
    {
        var result = Assert.Single(new IamPasswordPolicyReusePrevention().Run(WithPolicy(new PasswordPolicy { PasswordReusePrevention = 5 })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("only the last 5", result.Reason);
    }

    [Fact]
    public void Evaluate_ReusePreventionNotSet_ReturnsFail()
    {
        var result = Assert.Single(new IamPasswordPolicyReusePrevention().Run(WithPolicy(new PasswordPolicy { MinimumPasswordLength = 14 })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("not set", result.Evidence["PasswordReusePrevention"]);
    }

    [Fact]
    public void Evaluate_NoPolicy_ReturnsFail()
    {
        var result = Assert.Single(new IamPasswordPolicyReusePrevention().Run(WithPolicy(null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_PolicyAccessDenied_ReturnsErrorNotPass()
    {
        var inventory = WithPolicy(new PasswordPolicy { PasswordReusePrevention = 24 }) with
        {
            Errors = [TestInventory.AccessDenied("iam", "GetAccountPasswordPolicy")],
        };

        var result = Assert.Single(new IamPasswordPolicyReusePrevention().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
