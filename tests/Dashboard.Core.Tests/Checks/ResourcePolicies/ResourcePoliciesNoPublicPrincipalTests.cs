using Dashboard.Core.Checks;
using Dashboard.Core.Checks.ResourcePolicies;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.ResourcePolicies;

public class ResourcePoliciesNoPublicPrincipalTests
{
    private static string Policy(string principal, string action, string? condition = null) =>
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"S1\", \"Effect\": \"Allow\", \"Principal\": " + principal + ", \"Action\": \"" + action
        + "\", \"Resource\": \"*\"" + (condition is null ? "" : ", \"Condition\": " + condition) + "}]}";

    private static readonly string PublicRead = Policy("\"*\"", "s3:GetObject");
    private static readonly string OwnAccount = Policy("{\"AWS\": \"arn:aws:iam::123456789012:root\"}", "kms:*");

    private static AccountInventory Inventory(string? bucket = null, string? key = null, string? function = null, string? secret = null) => TestInventory.Empty() with
    {
        S3 = new S3Data { Buckets = [new S3Bucket { Name = "data", Region = "eu-west-1", Policy = bucket }] },
        Kms = new KmsData { Keys = [new KmsKey { KeyId = "k1", Arn = "arn:aws:kms:eu-west-1:123456789012:key/k1", Region = "eu-west-1", Policy = key ?? OwnAccount }] },
        Lambda = new LambdaData { Functions = [new LambdaFunction { FunctionName = "fn", FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:fn", Region = "eu-west-1", Role = "arn:aws:iam::123456789012:role/r", Policy = function }] },
        SecretsManager = new SecretsManagerData { Secrets = [new Secret { Name = "db", Arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbC", Region = "eu-west-1", ResourcePolicy = secret }] },
    };

    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory) => new ResourcePoliciesNoPublicPrincipal().Run(inventory);

    [Fact]
    public void Evaluate_PrivatePolicies_ReturnPassAndSkipResourcesWithoutPolicy()
    {
        var results = Run(Inventory());

        var result = Assert.Single(results);
        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("k1", result.ResourceId);
        Assert.Equal("key", result.Evidence["resourceKind"]);
    }

    [Fact]
    public void Evaluate_PublicBucketPolicy_ReturnsFail()
    {
        var result = Run(Inventory(bucket: PublicRead)).Single(r => r.ResourceId == "data");

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("S1: open to anyone", result.Reason);
        Assert.Equal("arn:aws:s3:::data", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_PublicLambdaPermissionWithSourceAccount_ReturnsPass()
    {
        var function = Policy("{\"Service\": \"s3.amazonaws.com\"}", "lambda:InvokeFunction", """{"StringEquals": {"AWS:SourceAccount": "123456789012"}}""");
        var open = Policy("\"*\"", "lambda:InvokeFunction", """{"StringEquals": {"AWS:SourceAccount": "123456789012"}}""");

        Assert.Equal(ResultStatus.Pass, Run(Inventory(function: function)).Single(r => r.ResourceId == "fn").Status);
        Assert.Equal(ResultStatus.Pass, Run(Inventory(function: open)).Single(r => r.ResourceId == "fn").Status);
    }

    [Theory]
    [InlineData("\"*\"", null)]
    [InlineData("{\"AWS\": \"*\"}", """{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}}""")]
    [InlineData("{\"AWS\": \"arn:aws:iam::*:root\"}", null)]
    public void Evaluate_PublicSecretOrKeyOrFunction_ReturnsFail(string principal, string? condition)
    {
        var policy = Policy(principal, "secretsmanager:GetSecretValue", condition);

        var results = Run(Inventory(key: policy, function: policy, secret: policy));

        Assert.Equal(ResultStatus.Fail, results.Single(r => r.ResourceId == "k1").Status);
        Assert.Equal(ResultStatus.Fail, results.Single(r => r.ResourceId == "fn").Status);
        Assert.Equal(ResultStatus.Fail, results.Single(r => r.ResourceId == "db").Status);
    }

    [Fact]
    public void Evaluate_CrossAccountButNotPublic_ReturnsPass()
    {
        var policy = Policy("{\"AWS\": \"arn:aws:iam::999999999999:root\"}", "secretsmanager:GetSecretValue");

        var result = Run(Inventory(secret: policy)).Single(r => r.ResourceId == "db");

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("CrossAccount", result.Evidence["exposure"]);
    }

    [Fact]
    public void Evaluate_UnreadablePolicy_ReturnsError()
    {
        var result = Run(Inventory(bucket: "%7B%22Statement%22%7D")).Single(r => r.ResourceId == "data");

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("URL-encoded", result.Reason);
    }

    [Fact]
    public void Evaluate_CustomerKeyWithoutPolicy_ReturnsError()
    {
        var inventory = Inventory() with { Kms = new KmsData { Keys = [new KmsKey { KeyId = "k1", Arn = "arn:aws:kms:eu-west-1:123456789012:key/k1", Region = "eu-west-1" }] } };

        Assert.Equal(ResultStatus.Error, Assert.Single(Run(inventory)).Status);
    }

    [Theory]
    [InlineData("s3", "GetBucketPolicy", "data")]
    [InlineData("kms", "GetKeyPolicy", "k1")]
    [InlineData("lambda", "GetPolicy", "fn")]
    [InlineData("secretsmanager", "GetResourcePolicy", "db")]
    public void Evaluate_PolicyCallDenied_ReturnsErrorForThatResource(string service, string operation, string resourceId)
    {
        var inventory = Inventory() with { Errors = [TestInventory.AccessDenied(service, operation, "eu-west-1", resourceId)] };

        var result = Run(inventory).Single(r => r.ResourceId == resourceId);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains($"{service}:{operation}", result.Reason);
    }

    [Theory]
    [InlineData("kms", "ListKeys")]
    [InlineData("lambda", "ListFunctions")]
    [InlineData("secretsmanager", "ListSecrets")]
    public void Evaluate_ListCallDenied_ReturnsErrorForTheRegion(string service, string operation)
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied(service, operation, "us-east-1")] };

        var result = Assert.Single(Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("us-east-1", result.Region);
    }

    [Fact]
    public void Evaluate_NothingWithAPolicy_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(TestInventory.Empty())).Status);
    }
}
