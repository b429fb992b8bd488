using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamOidcTrustScopedTests
{
    private const string Issuer = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
    private const string EksProvider = $"arn:aws:iam::123456789012:oidc-provider/{Issuer}";

    private static IamRole Role(string? trust, string name = "irsa") => new()
    {
        RoleName = name,
        Arn = $"arn:aws:iam::123456789012:role/{name}",
        AssumeRolePolicyDocument = trust,
    };

    private static string Trust(string provider, string? condition) =>
        $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "{{provider}}"},
          "Action": "sts:AssumeRoleWithWebIdentity"{{(condition is null ? "" : ", \"Condition\": " + condition)}}}]}
        """;

    /// <summary>An EKS trust with aud under StringEquals and sub under <paramref name="subOperator"/>.</summary>
    private static string Eks(string sub, string aud = "\"sts.amazonaws.com\"", string subOperator = "StringLike") =>
        Trust(EksProvider, "{\"StringEquals\": {\"" + Issuer + ":aud\": " + aud + "}, \"" + subOperator + "\": {\"" + Issuer + ":sub\": " + sub + "}}");

    private static string AudOnly => "{\"StringEquals\": {\"" + Issuer + ":aud\": \"sts.amazonaws.com\"}}";

    private static CheckResult RunSingle(params IamRole[] roles) =>
        Assert.Single(new IamOidcTrustScoped().Run(TestInventory.Empty() with { Iam = new IamData { Roles = roles } }));

    [Theory]
    [InlineData("\"system:serviceaccount:payments:api\"")]
    [InlineData("[\"system:serviceaccount:payments:api\", \"system:serviceaccount:payments:worker\"]")]
    public void Evaluate_EksServiceAccountNamed_ReturnsPass(string sub)
    {
        var result = RunSingle(Role(Eks(sub)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("none", result.Evidence["warnings"]);
        Assert.Equal(Issuer, result.Evidence["providers"]);
    }

    [Fact]
    public void Evaluate_EksWildcardServiceAccountName_PassesWithWarning()
    {
        var result = RunSingle(Role(Eks("\"system:serviceaccount:payments:*\"")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("any service account name", result.Evidence["warnings"]);
    }

    [Theory]
    [InlineData("\"system:serviceaccount:*:api\"")]
    [InlineData("\"system:serviceaccount:*\"")]
    [InlineData("\"*\"")]
    [InlineData("[\"system:serviceaccount:payments:api\", \"system:serviceaccount:pay*:api\"]")]
    [InlineData("\"system:serviceaccount:${aws:username}:api\"")]
    public void Evaluate_EksWildcardNamespace_ReturnsFail(string sub)
    {
        var result = RunSingle(Role(Eks(sub)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("does not name one namespace", result.Reason);
    }

    [Fact]
    public void Evaluate_EksWithoutSub_ReturnsFail()
    {
        var result = RunSingle(Role(Trust(EksProvider, AudOnly)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("every service account in the cluster", result.Reason);
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("\"my-app\"")]
    public void Evaluate_EksWrongAudience_ReturnsFail(string aud)
    {
        var result = RunSingle(Role(Eks("\"system:serviceaccount:payments:api\"", aud)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("expected only sts.amazonaws.com", result.Reason);
    }

    [Fact]
    public void Evaluate_EksSubOnlyInNegatedOperator_ReturnsFail()
    {
        var trust = Eks("\"system:serviceaccount:kube-system:x\"", subOperator: "StringNotEquals");

        Assert.Equal(ResultStatus.Fail, RunSingle(Role(trust)).Status);
    }

    [Fact]
    public void Evaluate_OtherProviderWithAudAndSub_ReturnsPass()
    {
        var trust = Trust("arn:aws:iam::123456789012:oidc-provider/auth.example.com",
            """{"StringEquals": {"auth.example.com:aud": "client-1", "auth.example.com:sub": ["user-1", "user-2"]}}""");

        Assert.Equal(ResultStatus.Pass, RunSingle(Role(trust)).Status);
    }

    [Theory]
    [InlineData("""{"StringEquals": {"auth.example.com:aud": "client-1"}}""", "no condition on the sub claim")]
    [InlineData("""{"StringEquals": {"auth.example.com:sub": "user-1"}}""", "no condition on the aud claim")]
    [InlineData("""{"StringEquals": {"auth.example.com:aud": "client-1"}, "StringLike": {"auth.example.com:sub": "*"}}""", "not a list of named subjects")]
    public void Evaluate_OtherProviderMissingClaims_ReturnsFail(string condition, string expected)
    {
        var result = RunSingle(Role(Trust("arn:aws:iam::123456789012:oidc-provider/auth.example.com", condition)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains(expected, result.Reason);
    }

    [Fact]
    public void Evaluate_GoogleWithoutConditions_ReturnsFail()
    {
        var result = RunSingle(Role(Trust("accounts.google.com", null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_CognitoWithIdentityPoolAudience_ReturnsPass()
    {
        var trust = Trust("cognito-identity.amazonaws.com", """
            {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:11111111-2222-3333-4444-555555555555"},
             "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}
            """);

        Assert.Equal(ResultStatus.Pass, RunSingle(Role(trust)).Status);
    }

    [Fact]
    public void Evaluate_OnlyGitHubAndServiceTrusts_ReturnsNotApplicable()
    {
        var github = Trust("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", null);
        var service = """{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";

        var result = RunSingle(Role(github, "gh"), Role(service, "ec2"));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Theory]
    [InlineData("{")]
    [InlineData(null)]
    public void Evaluate_UnreadableTrust_ReturnsError(string? trust)
    {
        Assert.Equal(ResultStatus.Error, RunSingle(Role(trust)).Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamOidcTrustScoped().Run(inventory)).Status);
    }
}
