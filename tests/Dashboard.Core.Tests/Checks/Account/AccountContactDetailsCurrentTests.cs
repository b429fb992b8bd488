using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Account;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Account;

public class AccountContactDetailsCurrentTests
{
    [Fact]
    public void Evaluate_ContactPresent_ReturnsManualWithContactEvidence()
    {
        var inventory = TestInventory.Empty() with
        {
            Account = new AccountSettingsData
            {
                ContactInformation = new ContactInformation("Cloud Platform Team", "Example Freight AS", "+47 555 01 234", "NO"),
                AlternateContacts = new Dictionary<string, AlternateContact>
                {
                    ["SECURITY"] = new("SECURITY", "Security", "security@example.com", "+47 555 01 000", null),
                },
            },
        };

        var result = Assert.Single(new AccountContactDetailsCurrent().Run(inventory));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal("Cloud Platform Team", result.Evidence["fullName"]);
        Assert.Equal("+47 555 01 234", result.Evidence["phoneNumber"]);
        Assert.Equal("SECURITY", result.Evidence["alternateContacts"]);
    }

    [Fact]
    public void Evaluate_ContactNotReturned_ReturnsManualAskingForReview()
    {
        var result = Assert.Single(new AccountContactDetailsCurrent().Run(TestInventory.Empty()));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Contains("not returned", result.Reason);
    }

    [Fact]
    public void Evaluate_ContactInformationDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("account", "GetContactInformation")] };

        var result = Assert.Single(new AccountContactDetailsCurrent().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("account:GetContactInformation", result.Reason);
    }
}
