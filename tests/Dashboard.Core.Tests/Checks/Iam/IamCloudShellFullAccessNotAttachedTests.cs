using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamCloudShellFullAccessNotAttachedTests
{
    private const string PolicyArn = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess";
    private static readonly AttachedPolicy CloudShell = new("AWSCloudShellFullAccess", PolicyArn);

    private static CheckResult RunSingle(IamData iam) =>
        Assert.Single(new IamCloudShellFullAccessNotAttached().Run(TestInventory.Empty() with { Iam = iam }));

    [Fact]
    public void Evaluate_NotAttached_ReturnsPass()
    {
        var group = new IamGroup { GroupName = "Developers", Arn = "arn:aws:iam::123456789012:group/Developers" };

        var result = RunSingle(new IamData { Groups = [group] });

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("AWSCloudShellFullAccess", result.ResourceId);
        Assert.Equal(PolicyArn, result.ResourceArn);
    }

    [Fact]
    public void Evaluate_AttachedToGroupAndRole_ReturnsFailListingBoth()
    {
        var group = new IamGroup { GroupName = "Developers", Arn = "arn:aws:iam::123456789012:group/Developers", AttachedManagedPolicies = [CloudShell] };
        var role = new IamRole { RoleName = "ops", Arn = "arn:aws:iam::123456789012:role/ops", AttachedManagedPolicies = [CloudShell] };

        var result = RunSingle(new IamData { Groups = [group], Roles = [role] });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("group/Developers, role/ops", result.Evidence["attachedTo"]);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamCloudShellFullAccessNotAttached().Run(inventory)).Status);
    }
}
