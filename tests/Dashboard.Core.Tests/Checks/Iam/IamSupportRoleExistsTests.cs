using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamSupportRoleExistsTests
{
    private static readonly AttachedPolicy SupportAccess = new("AWSSupportAccess", "arn:aws:iam::aws:policy/AWSSupportAccess");

    private static IamRole Role(string name, params AttachedPolicy[] policies) =>
        new() { RoleName = name, Arn = $"arn:aws:iam::123456789012:role/{name}", AttachedManagedPolicies = policies };

    private static CheckResult RunSingle(IamData iam) =>
        Assert.Single(new IamSupportRoleExists().Run(TestInventory.Empty() with { Iam = iam }));

    [Fact]
    public void Evaluate_RoleWithSupportAccess_ReturnsPass()
    {
        var result = RunSingle(new IamData { Roles = [Role("app"), Role("support-desk", SupportAccess)] });

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal("role/support-desk", result.Evidence["rolesWithAWSSupportAccess"]);
    }

    [Fact]
    public void Evaluate_OnlyAUserHasSupportAccess_ReturnsFail()
    {
        var user = new IamUser { UserName = "ops", Arn = "arn:aws:iam::123456789012:user/ops", AttachedManagedPolicies = [SupportAccess] };

        var result = RunSingle(new IamData { Users = [user], Roles = [Role("app")] });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no IAM role has AWSSupportAccess attached", result.Reason);
    }

    [Fact]
    public void Evaluate_OtherPartition_MatchesPartitionArn()
    {
        var role = Role("support", new AttachedPolicy("AWSSupportAccess", "arn:aws-us-gov:iam::aws:policy/AWSSupportAccess"));

        var result = Assert.Single(new IamSupportRoleExists().Run(TestInventory.Empty() with { Partition = "aws-us-gov", Iam = new IamData { Roles = [role] } }));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamSupportRoleExists().Run(inventory)).Status);
    }
}
