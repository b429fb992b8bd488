using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamPolicyNoFullAdminAttachedTests
{
    private const string StarStar = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";
    private const string ReadOnly = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}""";

    private static IamManagedPolicy Policy(string name, string? document, int attachments = 1, bool awsManaged = false) => new()
    {
        PolicyName = name,
        Arn = awsManaged ? $"arn:aws:iam::aws:policy/{name}" : $"arn:aws:iam::123456789012:policy/{name}",
        IsAwsManaged = awsManaged,
        AttachmentCount = attachments,
        DefaultVersionDocument = document,
    };

    private static IReadOnlyList<CheckResult> Run(params IamManagedPolicy[] policies) =>
        new IamPolicyNoFullAdminAttached().Run(TestInventory.Empty() with { Iam = new IamData { Policies = policies } });

    [Fact]
    public void Evaluate_ReadOnlyPolicy_ReturnsPass()
    {
        var result = Assert.Single(Run(Policy("readers", ReadOnly)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("readers", result.ResourceId);
        Assert.Equal("arn:aws:iam::123456789012:policy/readers", result.ResourceArn);
    }

    [Theory]
    [InlineData(StarStar)]
    [InlineData("""{"Statement": {"Effect": "Allow", "Action": "*:*", "Resource": "*"}}""")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]}""")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""")]
    public void Evaluate_AllActionsOnAllResources_ReturnsFail(string document)
    {
        var result = Assert.Single(Run(Policy("admin", document)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("every action", result.Reason);
    }

    [Fact]
    public void Evaluate_AwsManagedAdministratorAccess_ReturnsFail()
    {
        var result = Assert.Single(Run(Policy("AdministratorAccess", StarStar, awsManaged: true)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("true", result.Evidence["awsManaged"]);
    }

    [Fact]
    public void Evaluate_UnattachedAdminPolicy_IsIgnored()
    {
        var result = Assert.Single(Run(Policy("spare-admin", StarStar, attachments: 0)));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_PolicyAttachedToRoleButCountMissing_IsStillEvaluated()
    {
        var policy = Policy("admin", StarStar, attachments: 0);
        var role = new IamRole { RoleName = "ops", Arn = "arn:aws:iam::123456789012:role/ops", AttachedManagedPolicies = [new AttachedPolicy("admin", policy.Arn)] };

        var results = new IamPolicyNoFullAdminAttached().Run(TestInventory.Empty() with { Iam = new IamData { Policies = [policy], Roles = [role] } });

        Assert.Equal(ResultStatus.Fail, Assert.Single(results).Status);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("%7B%22Statement%22%3A%5B%5D%7D")]
    [InlineData("""{"Statement": [{"Action": "*", "Resource": "*"}]}""")]
    public void Evaluate_UnparsableDocument_ReturnsErrorNeverPass(string document)
    {
        var result = Assert.Single(Run(Policy("broken", document)));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.StartsWith("could not evaluate: ", result.Reason);
    }

    [Fact]
    public void Evaluate_DocumentNotCollected_ReturnsError()
    {
        var result = Assert.Single(Run(Policy("unknown", null)));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { Policies = [Policy("admin", StarStar)] },
            Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")],
        };

        var result = Assert.Single(new IamPolicyNoFullAdminAttached().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("access denied: iam:GetAccountAuthorizationDetails", result.Reason);
    }
}
