using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Organizations;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Organizations.OrgTestData;

namespace Dashboard.Core.Tests.Checks.Organizations;

public class OrgOuStructureTests
{
    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new OrgOuStructure().Run(inventory));

    [Fact]
    public void Evaluate_OusPresent_ReturnsManualWithTheTree()
    {
        var result = RunSingle(Scanned(Organization()));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("security-tooling", result.Evidence["ou:Security"]);
        Assert.Equal("management, sandbox", result.Evidence["accountsUnderRoot"]);
    }

    [Fact]
    public void Evaluate_NoOus_ReturnsFail()
    {
        var result = RunSingle(Scanned(Organization() with { OrganizationalUnits = [] }));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("all 4 accounts sit directly under the root", result.Reason);
    }

    [Fact]
    public void Evaluate_MemberView_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, RunSingle(Scanned(MemberView(), Prod)).Status);
    }

    [Fact]
    public void Evaluate_ListUnitsDenied_ReturnsError()
    {
        var inventory = Scanned(Organization()) with { Errors = [TestInventory.AccessDenied("organizations", "ListOrganizationalUnitsForParent")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
