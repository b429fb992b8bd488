using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Kms;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Kms;

public class KmsKeyPolicyNotPublicTests
{
    private const string RootStatement =
        """{"Sid": "Enable IAM policies", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}""";

    private static KmsKey Key(string? policy, string id = "k1", string manager = "CUSTOMER") => new()
    {
        KeyId = id,
        Arn = $"arn:aws:kms:eu-west-1:123456789012:key/{id}",
        Region = "eu-west-1",
        KeyManager = manager,
        Policy = policy,
    };

    private static string Policy(params string[] extra) =>
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + string.Join(", ", new[] { RootStatement }.Concat(extra)) + "]}";

    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory) => new KmsKeyPolicyNotPublic().Run(inventory);

    private static IReadOnlyList<CheckResult> Run(params KmsKey[] keys) => Run(TestInventory.Empty() with { Kms = new KmsData { Keys = keys } });

    [Fact]
    public void Evaluate_DefaultPolicy_ReturnsPass()
    {
        var result = Assert.Single(Run(Key(Policy())));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("k1", result.ResourceId);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Theory]
    [InlineData("""{"StringEquals": {"kms:CallerAccount": "123456789012", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}""")]
    [InlineData("""{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}""")]
    [InlineData("""{"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c"}}""")]
    public void Evaluate_PublicPrincipalWithRestrictingCondition_ReturnsPass(string condition)
    {
        var statement = """{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*", "Condition": """ + condition + "}";

        Assert.Equal(ResultStatus.Pass, Assert.Single(Run(Key(Policy(statement)))).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}""")]
    [InlineData("""{"StringEqualsIfExists": {"kms:CallerAccount": "123456789012"}}""")]
    [InlineData("""{"StringNotEquals": {"kms:CallerAccount": "999999999999"}}""")]
    public void Evaluate_PublicPrincipalWithoutRestriction_ReturnsFail(string? condition)
    {
        var statement = """{"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" """
            + (condition is null ? "" : ", \"Condition\": " + condition) + "}";

        var result = Assert.Single(Run(Key(Policy(statement))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.StartsWith("Open: open to anyone", result.Reason);
        Assert.Equal("Public", result.Evidence["exposure"]);
    }

    [Fact]
    public void Evaluate_OutsideAccount_ReturnsFailNamingIt()
    {
        var statement = """{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "kms:Decrypt", "Resource": "*"}""";

        var result = Assert.Single(Run(Key(Policy(statement))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("999999999999", result.Evidence["externalAccounts"]);
    }

    [Fact]
    public void Evaluate_AccountOfOwnOrganization_ReturnsPass()
    {
        var statement = """{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "kms:Decrypt", "Resource": "*"}""";
        var inventory = TestInventory.Empty() with
        {
            Kms = new KmsData { Keys = [Key(Policy(statement))] },
            Organization = new OrganizationData
            {
                Id = "o-abc123",
                MasterAccountId = "123456789012",
                Accounts = [new OrganizationAccount("999999999999", "logs", "logs@example.com", "ACTIVE", null)],
            },
        };

        Assert.Equal(ResultStatus.Pass, Assert.Single(Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_AwsManagedKeys_AreSkipped()
    {
        var result = Assert.Single(Run(Key(Policy("""{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}"""), manager: "AWS")));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Theory]
    [InlineData("{\"Statement\": ")]
    [InlineData(null)]
    public void Evaluate_UnreadablePolicy_ReturnsError(string? policy)
    {
        Assert.Equal(ResultStatus.Error, Assert.Single(Run(Key(policy))).Status);
    }

    [Fact]
    public void Evaluate_GetKeyPolicyDenied_ReturnsErrorForThatKey()
    {
        var inventory = TestInventory.Empty() with
        {
            Kms = new KmsData { Keys = [Key(null, "k1"), Key(Policy(), "k2")] },
            Errors = [TestInventory.AccessDenied("kms", "GetKeyPolicy", "eu-west-1", "k1")],
        };

        var results = Run(inventory);

        var denied = results.Single(r => r.ResourceId == "k1");
        Assert.Equal(ResultStatus.Error, denied.Status);
        Assert.Contains("kms:GetKeyPolicy", denied.Reason);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.ResourceId == "k2").Status);
    }

    [Fact]
    public void Evaluate_ListKeysDenied_ReturnsErrorForTheRegion()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("kms", "ListKeys", "eu-west-1")] };

        var result = Assert.Single(Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Fact]
    public void Evaluate_NoKeys_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }
}
