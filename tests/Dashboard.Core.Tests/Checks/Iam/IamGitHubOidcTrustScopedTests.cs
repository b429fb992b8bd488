using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamGitHubOidcTrustScopedTests
{
    private const string GitHubProvider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

    private static IamRole Role(string trustPolicy, string name = "deploy") => new()
    {
        RoleName = name,
        Arn = $"arn:aws:iam::123456789012:role/{name}",
        AssumeRolePolicyDocument = trustPolicy,
    };

    private static AccountInventory WithRoles(params IamRole[] roles) =>
        TestInventory.Empty() with { Iam = new IamData { Roles = roles } };

    /// <summary>A GitHub trust statement; <paramref name="condition"/> is the JSON of the Condition element, or null for none.</summary>
    private static string Trust(string? condition, string action = "\"sts:AssumeRoleWithWebIdentity\"", string provider = GitHubProvider) =>
        $$"""
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "{{provider}}"},
            "Action": {{action}}{{(condition is null ? "" : $", \"Condition\": {condition}")}}
          }]
        }
        """;

    /// <summary>A Condition element with the right aud and the given sub values under <paramref name="subOperator"/>.</summary>
    private static string Scoped(string subOperator, string subValues) =>
        subOperator == "StringEquals"
            ? $$"""
                {
                  "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": {{subValues}}}
                }
                """
            : $$"""
                {
                  "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                  "{{subOperator}}": {"token.actions.githubusercontent.com:sub": {{subValues}}}
                }
                """;

    private static CheckResult RunSingle(string trustPolicy) =>
        Assert.Single(new IamGitHubOidcTrustScoped().Run(WithRoles(Role(trustPolicy))));

    [Theory]
    [InlineData("StringLike", "\"repo:my-org/my-repo:*\"")]
    [InlineData("StringEquals", "\"repo:my-org/my-repo:ref:refs/heads/main\"")]
    [InlineData("StringLike", "[\"repo:my-org/app:environment:prod\", \"repo:my-org/infra:ref:refs/heads/main\"]")]
    [InlineData("StringEquals", "\"repository_owner_id:123:repository_id:456:environment:prod\"")]
    [InlineData("ForAnyValue:StringLike", "\"repo:my-org/my-repo:pull_request\"")]
    public void Evaluate_SubPinsOwnerAndRepo_ReturnsPass(string op, string values)
    {
        var result = RunSingle(Trust(Scoped(op, values)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("deploy", result.ResourceId);
        Assert.Equal("arn:aws:iam::123456789012:role/deploy", result.ResourceArn);
        Assert.Equal(Regions.Global, result.Region);
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("\"repo:*\"")]
    [InlineData("\"repo:my-org/*\"")]
    [InlineData("\"repo:my-org*\"")]
    [InlineData("\"repo:*/my-repo:*\"")]
    [InlineData("\"repo:my-org/my-repo*\"")]
    [InlineData("\"repo:my-org/my-rep?:*\"")]
    [InlineData("\"*:repo:my-org/my-repo:*\"")]
    [InlineData("\"repository_owner:my-org\"")]
    [InlineData("\"repo:my-org\"")]
    public void Evaluate_SubDoesNotPinRepo_ReturnsFail(string values)
    {
        var result = RunSingle(Trust(Scoped("StringLike", values)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("does not pin both owner and repository", result.Reason);
    }

    [Fact]
    public void Evaluate_MultiValueSubWithOneBroadValue_ReturnsFail()
    {
        var result = RunSingle(Trust(Scoped("StringLike", "[\"repo:my-org/app:ref:refs/heads/main\", \"repo:my-org/*\"]")));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("\"repo:my-org/*\"", result.Reason);
        Assert.DoesNotContain("refs/heads/main\", which", result.Reason);
    }

    [Fact]
    public void Evaluate_NoCondition_ReturnsFail()
    {
        var result = RunSingle(Trust(null));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no condition on the sub claim", result.Reason);
        Assert.Contains("no condition on the aud claim", result.Reason);
    }

    [Fact]
    public void Evaluate_OnlyAudCondition_ReturnsFail()
    {
        var result = RunSingle(Trust("""{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}"""));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no condition on the sub claim", result.Reason);
    }

    [Fact]
    public void Evaluate_SubOnlyInNegatedOperator_ReturnsFail()
    {
        var result = RunSingle(Trust("""
            {
              "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
              "StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil/*"}
            }
            """));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no condition on the sub claim", result.Reason);
    }

    [Fact]
    public void Evaluate_MissingAud_ReturnsFail()
    {
        var result = RunSingle(Trust("""{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:*"}}"""));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no condition on the aud claim (expected sts.amazonaws.com)", result.Reason);
    }

    [Fact]
    public void Evaluate_WrongAud_ReturnsFail()
    {
        var result = RunSingle(Trust("""
            {
              "StringLike": {"token.actions.githubusercontent.com:aud": "*", "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:*"}
            }
            """));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("aud allows \"*\"", result.Reason);
    }

    [Fact]
    public void Evaluate_ConditionKeysInOtherCase_AreRecognised()
    {
        var result = RunSingle(Trust("""
            {
              "StringEquals": {"Token.Actions.GitHubUserContent.com:AUD": "sts.amazonaws.com"},
              "StringLike": {"TOKEN.actions.githubusercontent.com:Sub": "repo:my-org/my-repo:*"}
            }
            """));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_JobWorkflowRefPinned_ReturnsPass()
    {
        var result = RunSingle(Trust("""
            {
              "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
              "StringLike": {"token.actions.githubusercontent.com:job_workflow_ref": "my-org/workflows/.github/workflows/deploy.yml@refs/heads/main"}
            }
            """));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_JobWorkflowRefWildcardOwner_ReturnsFail()
    {
        var result = RunSingle(Trust("""
            {
              "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
              "StringLike": {"token.actions.githubusercontent.com:job_workflow_ref": "*/workflows/.github/workflows/deploy.yml@*"}
            }
            """));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_BroadStringLikeNarrowedByStringEquals_ReturnsPass()
    {
        // Both conditions must hold, so the exact StringEquals value is what limits the role.
        var result = RunSingle(Trust("""
            {
              "StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:environment:prod"
              },
              "StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}
            }
            """));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Theory]
    [InlineData("\"sts:*\"")]
    [InlineData("\"*\"")]
    [InlineData("[\"sts:AssumeRoleWithWebIdentity\", \"sts:TagSession\"]")]
    public void Evaluate_WildcardActions_StillJudged(string action)
    {
        var result = RunSingle(Trust(null, action));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_EnterpriseIssuer_UsesItsOwnConditionKeys()
    {
        const string provider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/my-enterprise";
        var trust = Trust("""
            {
              "StringEquals": {"token.actions.githubusercontent.com/my-enterprise:aud": "sts.amazonaws.com"},
              "StringLike": {"token.actions.githubusercontent.com/my-enterprise:sub": "repo:my-org/my-repo:*"}
            }
            """, provider: provider);

        Assert.Equal(ResultStatus.Pass, RunSingle(trust).Status);
    }

    [Fact]
    public void Evaluate_TwoStatementsOneUnscoped_ReturnsFailNamingStatement()
    {
        var trust = $$"""
            {
              "Statement": [
                {
                  "Sid": "Main", "Effect": "Allow", "Principal": {"Federated": "{{GitHubProvider}}"},
                  "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {{Scoped("StringLike", "\"repo:my-org/my-repo:*\"")}}
                },
                {
                  "Sid": "Legacy", "Effect": "Allow", "Principal": {"Federated": "{{GitHubProvider}}"},
                  "Action": "sts:AssumeRoleWithWebIdentity"
                }
              ]
            }
            """;

        var result = RunSingle(trust);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.StartsWith("Legacy: no condition on the sub claim", result.Reason);
        Assert.DoesNotContain("Main", result.Reason);
    }

    [Fact]
    public void Evaluate_DenyStatementForGitHub_IsNotATrust()
    {
        var trust = $$"""
            {"Statement": [{"Effect": "Deny", "Principal": {"Federated": "{{GitHubProvider}}"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """;

        var result = Assert.Single(new IamGitHubOidcTrustScoped().Run(WithRoles(Role(trust))));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_RolesWithoutGitHubTrust_ProduceNoResultAndOneNotApplicable()
    {
        const string ec2Trust = """
            {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """;
        const string otherOidc = """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"},
              "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """;

        var result = Assert.Single(new IamGitHubOidcTrustScoped().Run(WithRoles(Role(ec2Trust, "ec2"), Role(otherOidc, "irsa"))));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
    }

    [Fact]
    public void Evaluate_MixedRoles_OnlyGitHubRoleGetsResult()
    {
        const string ec2Trust = """
            {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """;

        var results = new IamGitHubOidcTrustScoped().Run(WithRoles(Role(ec2Trust, "ec2"), Role(Trust(null), "ci")));

        var result = Assert.Single(results);
        Assert.Equal("ci", result.ResourceId);
        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("%7B%22Version%22%3A%222012-10-17%22%7D")]
    [InlineData("""{"Statement": [{"Effect": "Allow"}]}""")]
    public void Evaluate_UnparsableTrustPolicy_ReturnsErrorNeverPass(string trust)
    {
        var result = RunSingle(trust);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.StartsWith("trust policy could not be parsed: ", result.Reason);
    }

    [Fact]
    public void Evaluate_TrustPolicyNotCollected_ReturnsError()
    {
        var role = Role("{}") with { AssumeRolePolicyDocument = null };

        var result = Assert.Single(new IamGitHubOidcTrustScoped().Run(WithRoles(role)));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsAccessDenied_ReturnsErrorNotNotApplicable()
    {
        var inventory = WithRoles() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        var result = Assert.Single(new IamGitHubOidcTrustScoped().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("iam:GetAccountAuthorizationDetails", result.Reason);
    }
}
