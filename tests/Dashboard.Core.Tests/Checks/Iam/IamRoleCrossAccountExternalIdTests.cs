using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamRoleCrossAccountExternalIdTests
{
    private const string Vendor = "999999999999";

    private static IamRole Role(string? trust, string name = "vendor") => new()
    {
        RoleName = name,
        Arn = $"arn:aws:iam::123456789012:role/{name}",
        AssumeRolePolicyDocument = trust,
    };

    private static string Trust(string principal, string? condition = null, string action = "\"sts:AssumeRole\"") =>
        $$"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "Vendor", "Effect": "Allow", "Principal": {{principal}}, "Action": {{action}}{{(condition is null ? "" : ", \"Condition\": " + condition)}}}]}
        """;

    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory) => new IamRoleCrossAccountExternalId().Run(inventory);

    private static IReadOnlyList<CheckResult> Run(params IamRole[] roles) => Run(TestInventory.Empty() with { Iam = new IamData { Roles = roles } });

    [Theory]
    [InlineData("""{"StringEquals": {"sts:ExternalId": "f3a9c2"}}""")]
    [InlineData("""{"StringEquals": {"sts:externalid": ["a1", "b2"]}}""")]
    public void Evaluate_VendorWithExternalId_ReturnsPass(string condition)
    {
        var result = Assert.Single(Run(Role(Trust($$"""{"AWS": "arn:aws:iam::{{Vendor}}:root"}""", condition))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Vendor, result.Evidence["externalAccounts"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"StringLike": {"sts:ExternalId": "*"}}""")]
    [InlineData("""{"StringEqualsIfExists": {"sts:ExternalId": "f3a9c2"}}""")]
    [InlineData("""{"StringNotEquals": {"sts:ExternalId": "f3a9c2"}}""")]
    [InlineData("""{"Bool": {"aws:MultiFactorAuthPresent": "true"}}""")]
    public void Evaluate_VendorWithoutExternalId_ReturnsFail(string? condition)
    {
        var result = Assert.Single(Run(Role(Trust($$"""{"AWS": ["{{Vendor}}"]}""", condition))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains($"trusts account {Vendor} without requiring sts:ExternalId", result.Reason);
        Assert.Equal("High", result.Evidence["level"]);
    }

    [Fact]
    public void Evaluate_PublicTrustEvenWithExternalId_ReturnsCriticalFail()
    {
        var result = Assert.Single(Run(Role(Trust("""{"AWS": "*"}""", """{"StringEquals": {"sts:ExternalId": "x"}}"""))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("Critical", result.Evidence["level"]);
        Assert.Contains("any AWS account can assume", result.Reason);
    }

    [Fact]
    public void Evaluate_AccountInOwnOrganization_NeedsNoExternalId()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { Roles = [Role(Trust($$"""{"AWS": "{{Vendor}}"}"""))] },
            Organization = new OrganizationData
            {
                Id = "o-abc123",
                MasterAccountId = "123456789012",
                Accounts = [new OrganizationAccount(Vendor, "prod", "prod@example.com", "ACTIVE", null)],
            },
        };

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_PrincipalOrgIdOfOwnOrganization_ReturnsPass()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { Roles = [Role(Trust($$"""{"AWS": "{{Vendor}}"}""", """{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}"""))] },
            Organization = new OrganizationData { Id = "o-abc123", MasterAccountId = "123456789012" },
        };

        Assert.Equal(ResultStatus.Pass, Assert.Single(Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_SameAccountServiceAndFederatedTrusts_ReturnNotApplicable()
    {
        var results = Run(
            Role(Trust("""{"AWS": "arn:aws:iam::123456789012:root"}"""), "own"),
            Role(Trust("""{"Service": "ec2.amazonaws.com"}"""), "ec2"),
            Role(Trust("""{"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}""", action: "\"sts:AssumeRoleWithWebIdentity\""), "gh"));

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(results).Status);
    }

    [Fact]
    public void Evaluate_CrossAccountOnlyForOtherActions_IsIgnored()
    {
        var result = Assert.Single(Run(Role(Trust($$"""{"AWS": "{{Vendor}}"}""", action: "\"sts:TagSession\""))));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Theory]
    [InlineData("{ broken")]
    [InlineData(null)]
    public void Evaluate_UnreadableTrust_ReturnsError(string? trust)
    {
        var result = Assert.Single(Run(Role(trust)));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        var result = Assert.Single(Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("iam:GetAccountAuthorizationDetails", result.Reason);
    }
}
