using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamDelegatedAdminPermissionsBoundaryTests
{
    private const string BoundaryArn = "arn:aws:iam::123456789012:policy/app-boundary";

    private static string Statement(string action, string? condition = null, string effect = "Allow") =>
        $$"""{"Effect": "{{effect}}", "Action": {{action}}, "Resource": "*"{{(condition is null ? "" : ", \"Condition\": " + condition)}}}""";

    private static string Document(params string[] statements) => "{\"Version\": \"2012-10-17\", \"Statement\": [" + string.Join(", ", statements) + "]}";

    private static IamRole Role(string? inline, string? boundary = null, string name = "platform") => new()
    {
        RoleName = name,
        Arn = $"arn:aws:iam::123456789012:role/{name}",
        InlinePolicies = inline is null ? [] : [new InlinePolicy("delegate", inline)],
        PermissionsBoundaryArn = boundary,
    };

    private static IamManagedPolicy Boundary(string document) => new() { PolicyName = "app-boundary", Arn = BoundaryArn, DefaultVersionDocument = document };

    private static IReadOnlyList<CheckResult> Run(IamData iam) => new IamDelegatedAdminPermissionsBoundary().Run(TestInventory.Empty() with { Iam = iam });

    private static CheckResult RunSingle(IamRole role, params IamManagedPolicy[] policies) => Assert.Single(Run(new IamData { Roles = [role], Policies = policies }));

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("ArnEquals")]
    public void Evaluate_CreateRoleRequiringBoundary_ReturnsPass(string op)
    {
        var condition = "{\"" + op + "\": {\"iam:PermissionsBoundary\": \"" + BoundaryArn + "\"}}";

        var result = RunSingle(Role(Document(Statement("[\"iam:CreateRole\", \"iam:PutRolePermissionsBoundary\", \"iam:AttachRolePolicy\"]", condition))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("role/platform", result.ResourceId);
        Assert.Equal("true", result.Evidence["delegatesIam"]);
    }

    [Theory]
    [InlineData("\"iam:CreateRole\"", null)]
    [InlineData("\"iam:Create*\"", null)]
    [InlineData("\"iam:CreateUser\"", """{"StringLike": {"iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/*"}}""")]
    [InlineData("\"iam:CreateRole\"", """{"StringEqualsIfExists": {"iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/app-boundary"}}""")]
    [InlineData("\"iam:CreateRole\"", """{"StringNotEquals": {"iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/app-boundary"}}""")]
    [InlineData("\"iam:PutRolePermissionsBoundary\"", null)]
    public void Evaluate_CreateWithoutRequiredBoundary_ReturnsFail(string action, string? condition)
    {
        var result = RunSingle(Role(Document(Statement(action, condition))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("without requiring iam:PermissionsBoundary", result.Reason);
        Assert.Contains("inline delegate", result.Reason);
    }

    [Fact]
    public void Evaluate_CanDeleteBoundaries_ReturnsFail()
    {
        var result = RunSingle(Role(Document(Statement("\"iam:DeleteRolePermissionsBoundary\""))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("boundaries can be removed", result.Reason);
    }

    [Fact]
    public void Evaluate_CreateDeniedEverywhere_GetsNoResult()
    {
        var result = RunSingle(Role(Document(Statement("\"iam:CreateRole\""), Statement("\"iam:CreateRole\"", effect: "Deny"))));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_BoundaryAllowingEverything_ReturnsFail()
    {
        var result = RunSingle(Role(null, BoundaryArn), Boundary(Document(Statement("\"*\""))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("limits nothing", result.Reason);
    }

    [Fact]
    public void Evaluate_NarrowBoundary_ReturnsPass()
    {
        var result = RunSingle(Role(null, BoundaryArn), Boundary(Document(Statement("[\"s3:*\", \"dynamodb:*\"]"))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(BoundaryArn, result.Evidence["boundary"]);
    }

    [Fact]
    public void Evaluate_BoundaryNotCollected_ReturnsError()
    {
        Assert.Equal(ResultStatus.Error, RunSingle(Role(null, BoundaryArn)).Status);
    }

    [Fact]
    public void Evaluate_FullAdminAndPlainRoles_GetNoResult()
    {
        var iam = new IamData
        {
            Roles = [Role(Document(Statement("\"*\"")), name: "admin"), Role(Document(Statement("\"s3:GetObject\"")), name: "reader")],
        };

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(iam)).Status);
    }

    [Fact]
    public void Evaluate_UserThroughGroup_IsJudged()
    {
        var iam = new IamData
        {
            Users = [new IamUser { UserName = "dev", Arn = "arn:aws:iam::123456789012:user/dev", GroupNames = ["builders"] }],
            Groups = [new IamGroup { GroupName = "builders", Arn = "arn:aws:iam::123456789012:group/builders", InlinePolicies = [new InlinePolicy("create", Document(Statement("\"iam:CreateUser\"")))] }],
        };

        var result = Assert.Single(Run(iam));

        Assert.Equal("user/dev", result.ResourceId);
        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_UnreadablePolicy_ReturnsError()
    {
        Assert.Equal(ResultStatus.Error, RunSingle(Role("{\"Statement\": 1}")).Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamDelegatedAdminPermissionsBoundary().Run(inventory)).Status);
    }
}
