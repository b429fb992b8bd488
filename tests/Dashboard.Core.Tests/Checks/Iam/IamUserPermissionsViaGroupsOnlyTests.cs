using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserPermissionsViaGroupsOnlyTests
{
    private static IamUser User(string name) => new() { UserName = name, Arn = $"arn:aws:iam::123456789012:user/{name}", GroupNames = ["Developers"] };

    private static IReadOnlyList<CheckResult> Run(params IamUser[] users) =>
        new IamUserPermissionsViaGroupsOnly().Run(TestInventory.Empty() with { Iam = new IamData { Users = users } });

    [Fact]
    public void Evaluate_UserWithGroupsOnly_ReturnsPass()
    {
        var result = Assert.Single(Run(User("alice")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("Developers", result.Evidence["groups"]);
    }

    [Fact]
    public void Evaluate_DirectAndInlinePolicies_ReturnsFailNamingBoth()
    {
        var user = User("ci") with
        {
            AttachedManagedPolicies = [new AttachedPolicy("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess")],
            InlinePolicies = [new InlinePolicy("ses-send", "{}")],
        };

        var result = Assert.Single(Run(user));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("user has policies of its own: attached AdministratorAccess, inline ses-send", result.Reason);
    }

    [Fact]
    public void Evaluate_NoUsers_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { Users = [User("alice")] },
            Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")],
        };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamUserPermissionsViaGroupsOnly().Run(inventory)).Status);
    }
}
