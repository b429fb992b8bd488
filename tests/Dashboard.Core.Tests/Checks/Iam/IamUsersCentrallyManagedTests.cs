using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUsersCentrallyManagedTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root" };

    private static CredentialReportRow ConsoleUser(string name) =>
        new() { User = name, Arn = $"arn:aws:iam::123456789012:user/{name}", PasswordEnabled = true };

    [Fact]
    public void Evaluate_IdentityCenterAndNoConsoleUsers_ReturnsManualWithProviderEvidence()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData
            {
                CredentialReport = [Root],
                SamlProviderArns = ["arn:aws:iam::123456789012:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE"],
            },
            Organization = new OrganizationData { Id = "o-abc123def4", MasterAccountId = "111111111111" },
        };

        var result = Assert.Single(new IamUsersCentrallyManaged().Run(inventory));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("true", result.Evidence["identityCenterProvider"]);
        Assert.Equal("o-abc123def4", result.Evidence["organization"]);
        Assert.Equal("0", result.Evidence["consoleUsers"]);
    }

    [Fact]
    public void Evaluate_ConsoleUsersWithoutProvider_ReturnsManualNamingTheUsers()
    {
        var inventory = TestInventory.Empty() with { Iam = new IamData { CredentialReport = [Root, ConsoleUser("alice"), ConsoleUser("bob")] } };

        var result = Assert.Single(new IamUsersCentrallyManaged().Run(inventory));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Contains("no SAML identity provider", result.Reason);
        Assert.Equal("alice, bob", result.Evidence["consoleUserNames"]);
    }

    [Fact]
    public void Evaluate_ReportNotCollected_ReturnsError()
    {
        var result = Assert.Single(new IamUsersCentrallyManaged().Run(TestInventory.Empty()));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("credential report was not collected", result.Reason);
    }

    [Fact]
    public void Evaluate_SamlProvidersDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "ListSAMLProviders")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamUsersCentrallyManaged().Run(inventory)).Status);
    }
}
