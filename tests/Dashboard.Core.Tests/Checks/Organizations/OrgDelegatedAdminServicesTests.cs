using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Organizations;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Organizations.OrgTestData;

namespace Dashboard.Core.Tests.Checks.Organizations;

public class OrgDelegatedAdminServicesTests
{
    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new OrgDelegatedAdminServices().Run(inventory));

    [Fact]
    public void Evaluate_TrustedServicesWithoutAnyDelegatedAdmin_ReturnsFail()
    {
        var organization = Organization() with { EnabledServicePrincipals = ["guardduty.amazonaws.com", "sso.amazonaws.com", "tagpolicies.tag.amazonaws.com"] };

        var result = RunSingle(Scanned(organization));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("guardduty.amazonaws.com, sso.amazonaws.com", result.Evidence["trustedServicesWithoutDelegatedAdmin"]);
    }

    [Fact]
    public void Evaluate_DelegatedAdmins_ReturnsManualWithTheMapping()
    {
        var organization = Organization() with
        {
            EnabledServicePrincipals = ["guardduty.amazonaws.com", "securityhub.amazonaws.com"],
            DelegatedAdministrators = [new DelegatedAdministrator(Security, ["guardduty.amazonaws.com"])],
        };

        var result = RunSingle(Scanned(organization));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("guardduty.amazonaws.com", result.Evidence["delegated:security-tooling (222222222222)"]);
        Assert.Contains("still administered from the management account: securityhub.amazonaws.com", result.Reason);
    }

    [Fact]
    public void Evaluate_MemberView_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, RunSingle(Scanned(MemberView(), Prod)).Status);
    }

    [Fact]
    public void Evaluate_DelegatedAdministratorsDenied_ReturnsError()
    {
        var inventory = Scanned(Organization()) with { Errors = [TestInventory.AccessDenied("organizations", "ListDelegatedAdministrators")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
