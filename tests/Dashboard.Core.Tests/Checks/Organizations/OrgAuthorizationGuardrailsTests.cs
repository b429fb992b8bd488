using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Organizations;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Organizations.OrgTestData;

namespace Dashboard.Core.Tests.Checks.Organizations;

public class OrgAuthorizationGuardrailsTests
{
    private static OrganizationPolicy Policy(string name, string type, bool awsManaged, params string[] targets) =>
        new($"p-{name}", name, type, awsManaged, targets, "{}");

    private static IReadOnlyList<CheckResult> Run(params OrganizationPolicy[] policies) =>
        new OrgAuthorizationGuardrails().Run(Scanned(Organization() with { Policies = policies }));

    [Fact]
    public void Evaluate_ScpOnParentOu_PassesAccountsBelowIt()
    {
        var results = Run(Policy("FullAWSAccess", "SERVICE_CONTROL_POLICY", true, "r-root"), Policy("deny-leave-org", "SERVICE_CONTROL_POLICY", false, "ou-work"));

        var prod = Assert.Single(results, r => r.ResourceId == Prod);
        Assert.Equal(ResultStatus.Pass, prod.Status);
        Assert.Equal("r-root, Workloads, Prod", prod.Evidence["path"]);
        Assert.Equal("deny-leave-org (SCP)", prod.Evidence["guardrails"]);
    }

    [Fact]
    public void Evaluate_OnlyAwsManagedFullAccess_FailsEveryMemberAccount()
    {
        var results = Run(Policy("FullAWSAccess", "SERVICE_CONTROL_POLICY", true, "r-root"));

        Assert.Equal([Security, Prod, Sandbox], results.Where(r => r.Status == ResultStatus.Fail).Select(r => r.ResourceId));
    }

    [Fact]
    public void Evaluate_RcpOnAccount_Passes()
    {
        var results = Run(Policy("data-perimeter", "RESOURCE_CONTROL_POLICY", false, Sandbox));

        Assert.Equal(ResultStatus.Pass, Assert.Single(results, r => r.ResourceId == Sandbox).Status);
        Assert.Equal(ResultStatus.Fail, Assert.Single(results, r => r.ResourceId == Security).Status);
    }

    [Fact]
    public void Evaluate_TagPolicy_DoesNotCount()
    {
        var results = Run(Policy("tags", "TAG_POLICY", false, "r-root"));

        Assert.Equal(ResultStatus.Fail, Assert.Single(results, r => r.ResourceId == Prod).Status);
    }

    [Fact]
    public void Evaluate_ManagementAccount_IsNotApplicable()
    {
        var results = Run(Policy("deny-all", "SERVICE_CONTROL_POLICY", false, "r-root"));

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(results, r => r.ResourceId == Management).Status);
    }

    [Fact]
    public void Evaluate_MemberView_ReturnsNotApplicable()
    {
        var result = Assert.Single(new OrgAuthorizationGuardrails().Run(Scanned(MemberView(), Prod)));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_ListPoliciesDenied_ReturnsError()
    {
        var inventory = Scanned(Organization()) with { Errors = [TestInventory.AccessDenied("organizations", "ListPolicies")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new OrgAuthorizationGuardrails().Run(inventory)).Status);
    }
}
