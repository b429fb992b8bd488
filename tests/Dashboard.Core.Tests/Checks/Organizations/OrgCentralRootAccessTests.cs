using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Organizations;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Organizations.OrgTestData;

namespace Dashboard.Core.Tests.Checks.Organizations;

public class OrgCentralRootAccessTests
{
    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new OrgCentralRootAccess().Run(inventory));

    [Fact]
    public void Evaluate_RootCredentialsManagementEnabled_ReturnsPass()
    {
        var result = RunSingle(Scanned(Organization() with { EnabledIamFeatures = ["RootCredentialsManagement", "RootSessions"] }));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(OrgId, result.ResourceId);
        Assert.Equal($"arn:aws:organizations::{Management}:organization/{OrgId}", result.ResourceArn);
        Assert.Equal("root credentials management and privileged root sessions are enabled", result.Reason);
    }

    [Fact]
    public void Evaluate_FeatureNotEnabled_ReturnsFail()
    {
        var result = RunSingle(Scanned(Organization() with { EnabledIamFeatures = ["RootSessions"] }));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("RootSessions", result.Evidence["enabledIamFeatures"]);
    }

    [Fact]
    public void Evaluate_MemberAccount_ReturnsManualWithRootCredentialState()
    {
        var inventory = Scanned(MemberView(), Prod) with
        {
            Iam = new IamData { AccountSummary = new Dictionary<string, int> { ["AccountPasswordPresent"] = 1, ["AccountMFAEnabled"] = 0 } },
        };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("1", result.Evidence["AccountPasswordPresent"]);
        Assert.Equal(Management, result.Evidence["managementAccount"]);
    }

    [Fact]
    public void Evaluate_NotInOrganization_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, RunSingle(Scanned(null)).Status);
    }

    [Fact]
    public void Evaluate_FeaturesDenied_ReturnsError()
    {
        var inventory = Scanned(Organization()) with { Errors = [TestInventory.AccessDenied("iam", "ListOrganizationsFeatures")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
