using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Organizations;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Organizations.OrgTestData;

namespace Dashboard.Core.Tests.Checks.Organizations;

public class OrgDelegatedAdminPoliciesTests
{
    private const string Delegation = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::222222222222:root" },
              "Action": ["organizations:Describe*", "organizations:List*", "organizations:CreatePolicy", "organizations:AttachPolicy"],
              "Resource": "*"
            }
          ]
        }
        """;

    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new OrgDelegatedAdminPolicies().Run(inventory));

    [Fact]
    public void Evaluate_DelegationPolicy_ReturnsManualNamingTheDelegatedAccount()
    {
        var result = RunSingle(Scanned(Organization() with { ResourcePolicy = Delegation }));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("security-tooling (222222222222)", result.Evidence["delegatedAccounts"]);
    }

    [Fact]
    public void Evaluate_NoDelegationPolicy_ReturnsFail()
    {
        var result = RunSingle(Scanned(Organization()));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(OrgId, result.ResourceId);
    }

    [Fact]
    public void Evaluate_NotInOrganization_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, RunSingle(Scanned(null)).Status);
    }

    [Fact]
    public void Evaluate_ResourcePolicyDenied_ReturnsError()
    {
        var inventory = Scanned(Organization()) with { Errors = [TestInventory.AccessDenied("organizations", "DescribeResourcePolicy")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
