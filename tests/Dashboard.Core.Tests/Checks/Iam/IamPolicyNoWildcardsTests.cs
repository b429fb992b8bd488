using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamPolicyNoWildcardsTests
{
    private static string Allow(string action, string resource = "\"*\"") =>
        $$"""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": {{action}}, "Resource": {{resource}}}]}""";

    private static IReadOnlyList<CheckResult> Run(IamData iam) => new IamPolicyNoWildcards().Run(TestInventory.Empty() with { Iam = iam });

    private static IamData WithCustomerPolicy(string? document) => new()
    {
        Policies = [new IamManagedPolicy { PolicyName = "app", Arn = "arn:aws:iam::123456789012:policy/app", DefaultVersionDocument = document }],
    };

    [Theory]
    [InlineData("\"s3:GetObject\"", "\"arn:aws:s3:::data/*\"")]
    [InlineData("[\"s3:Get*\", \"s3:List*\"]", "\"*\"")]
    [InlineData("\"dynamodb:PutItem\"", "\"arn:aws:dynamodb:eu-west-1:123456789012:table/orders\"")]
    public void Evaluate_ScopedPolicy_ReturnsPass(string action, string resource)
    {
        var result = Assert.Single(Run(WithCustomerPolicy(Allow(action, resource))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("app", result.ResourceId);
    }

    [Theory]
    [InlineData("\"*\"", "\"*\"", "Critical")]
    [InlineData("\"iam:*\"", "\"*\"", "High")]
    [InlineData("\"s3:*\"", "\"arn:aws:s3:::data/*\"", "High")]
    [InlineData("\"*\"", "\"arn:aws:s3:::data/*\"", "High")]
    [InlineData("[\"iam:PassRole\"]", "\"*\"", "Medium")]
    [InlineData("[\"sts:AssumeRole\"]", "\"*\"", "Medium")]
    [InlineData("[\"s3:GetObject\", \"s3:DeleteObject\"]", "\"*\"", "Medium")]
    public void Evaluate_WildcardPolicy_ReturnsFailWithLevel(string action, string resource, string level)
    {
        var result = Assert.Single(Run(WithCustomerPolicy(Allow(action, resource))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(level, result.Evidence["level"]);
    }

    [Fact]
    public void Evaluate_NotActionAllow_IsCritical()
    {
        var result = Assert.Single(Run(WithCustomerPolicy("""{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}""")));

        Assert.Equal("Critical", result.Evidence["level"]);
    }

    [Fact]
    public void Evaluate_DenyWithWildcards_IsIgnored()
    {
        var result = Assert.Single(Run(WithCustomerPolicy("""{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}""")));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_InlinePolicies_OfUsersGroupsAndRoles_AreJudged()
    {
        var iam = new IamData
        {
            Users = [new IamUser { UserName = "alice", Arn = "arn:aws:iam::123456789012:user/alice", InlinePolicies = [new InlinePolicy("all", Allow("\"*\""))] }],
            Groups = [new IamGroup { GroupName = "ops", Arn = "arn:aws:iam::123456789012:group/ops", InlinePolicies = [new InlinePolicy("read", Allow("\"ec2:Describe*\""))] }],
            Roles = [new IamRole { RoleName = "ci", Arn = "arn:aws:iam::123456789012:role/ci", InlinePolicies = [new InlinePolicy("iam", Allow("\"iam:*\""))] }],
        };

        var results = Run(iam);

        Assert.Equal("Critical", results.Single(r => r.ResourceId == "user/alice/all").Evidence["level"]);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.ResourceId == "group/ops/read").Status);
        var role = results.Single(r => r.ResourceId == "role/ci/iam");
        Assert.Equal("High", role.Evidence["level"]);
        Assert.Equal("arn:aws:iam::123456789012:role/ci", role.ResourceArn);
    }

    [Fact]
    public void Evaluate_AwsManagedPolicies_AreOutOfScope()
    {
        var iam = new IamData
        {
            Policies = [new IamManagedPolicy { PolicyName = "AdministratorAccess", Arn = "arn:aws:iam::aws:policy/AdministratorAccess", IsAwsManaged = true, DefaultVersionDocument = Allow("\"*\"") }],
        };

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(iam)).Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": ["*", 1], "Resource": "*"}]}""")]
    [InlineData(null)]
    public void Evaluate_UnreadableDocument_ReturnsError(string? document)
    {
        var result = Assert.Single(Run(WithCustomerPolicy(document)));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamPolicyNoWildcards().Run(inventory)).Status);
    }
}
