using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Account;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Account;

public class AccountSecurityContactRegisteredTests
{
    private static AccountInventory With(params AlternateContact[] contacts) => TestInventory.Empty() with
    {
        Account = new AccountSettingsData { AlternateContacts = contacts.ToDictionary(c => c.AlternateContactType, StringComparer.Ordinal) },
    };

    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new AccountSecurityContactRegistered().Run(inventory));

    [Fact]
    public void Evaluate_SecurityContactWithEmailAndPhone_ReturnsPass()
    {
        var result = RunSingle(With(new AlternateContact("SECURITY", "Security Team", "security@example.com", "+1-555-0100", "CISO")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal("security@example.com", result.Evidence["emailAddress"]);
    }

    [Fact]
    public void Evaluate_OnlyBillingContact_ReturnsFail()
    {
        var result = RunSingle(With(new AlternateContact("BILLING", "Finance", "ap@example.com", "+1-555-0101", null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no security alternate contact is registered", result.Reason);
    }

    [Fact]
    public void Evaluate_SecurityContactWithoutPhone_ReturnsFail()
    {
        var result = RunSingle(With(new AlternateContact("SECURITY", "Security Team", "security@example.com", " ", null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("phone number", result.Reason);
    }

    [Fact]
    public void Evaluate_SecurityContactCallDenied_ReturnsError()
    {
        var inventory = With() with { Errors = [TestInventory.AccessDenied("account", "GetAlternateContact", resourceId: "SECURITY")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }

    [Fact]
    public void Evaluate_OtherContactTypeDenied_DoesNotBlockTheVerdict()
    {
        var inventory = With(new AlternateContact("SECURITY", "Security Team", "security@example.com", "+1-555-0100", null)) with
        {
            Errors = [TestInventory.AccessDenied("account", "GetAlternateContact", resourceId: "BILLING")],
        };

        Assert.Equal(ResultStatus.Pass, RunSingle(inventory).Status);
    }
}
