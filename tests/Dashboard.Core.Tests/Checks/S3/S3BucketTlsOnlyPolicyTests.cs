using Dashboard.Core.Checks;
using Dashboard.Core.Checks.S3;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.S3;

public class S3BucketTlsOnlyPolicyTests
{
    private static S3Bucket Bucket(string? policy, string name = "data") => new() { Name = name, Region = "eu-west-1", Policy = policy };

    private static IReadOnlyList<CheckResult> Run(params S3Bucket[] buckets) =>
        new S3BucketTlsOnlyPolicy().Run(TestInventory.Empty() with { S3 = new S3Data { Buckets = buckets } });

    private static string Deny(string principal = "\"*\"", string action = "\"s3:*\"", string resource = "[\"arn:aws:s3:::data\", \"arn:aws:s3:::data/*\"]",
        string condition = """{"Bool": {"aws:SecureTransport": "false"}}""", string effect = "Deny") =>
        $$"""
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
          {"Sid": "TlsOnly", "Effect": "{{effect}}", "Principal": {{principal}}, "Action": {{action}}, "Resource": {{resource}}, "Condition": {{condition}}}
        ]}
        """;

    [Theory]
    [InlineData("\"*\"", "\"s3:*\"", "[\"arn:aws:s3:::data\", \"arn:aws:s3:::data/*\"]", """{"Bool": {"aws:SecureTransport": "false"}}""")]
    [InlineData("{\"AWS\": \"*\"}", "\"*\"", "\"arn:aws:s3:::data/*\"", """{"Bool": {"aws:SecureTransport": false}}""")]
    [InlineData("\"*\"", "[\"s3:*\"]", "\"arn:aws:s3:::data\"", """{"NumericLessThan": {"s3:TlsVersion": "1.2"}}""")]
    [InlineData("\"*\"", "\"S3:*\"", "\"*\"", """{"NumericLessThan": {"s3:TlsVersion": 1.2}}""")]
    [InlineData("\"*\"", "\"s3:*\"", "\"arn:aws:s3:::data*\"", """{"BoolIfExists": {"aws:SecureTransport": "false"}}""")]
    public void Evaluate_DenyForInsecureTransport_ReturnsPass(string principal, string action, string resource, string condition)
    {
        var result = Assert.Single(Run(Bucket(Deny(principal, action, resource, condition))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("TlsOnly", result.Evidence["statement"]);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("arn:aws:s3:::data", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_NoPolicy_ReturnsFail()
    {
        var result = Assert.Single(Run(Bucket(null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no bucket policy", result.Reason);
    }

    [Fact]
    public void Evaluate_AllowRequiringTlsOnly_ReturnsFail()
    {
        var policy = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",
              "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}
            """;

        var result = Assert.Single(Run(Bucket(policy)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("only allows requests over TLS", result.Reason);
    }

    [Theory]
    [InlineData("\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::data/*\"", """{"Bool": {"aws:SecureTransport": "false"}}""", "Deny")]
    [InlineData("{\"AWS\": \"arn:aws:iam::123456789012:root\"}", "\"s3:*\"", "\"*\"", """{"Bool": {"aws:SecureTransport": "false"}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"arn:aws:s3:::other/*\"", """{"Bool": {"aws:SecureTransport": "false"}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"Bool": {"aws:SecureTransport": "true"}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"Bool": {"aws:SecureTransport": ["false", "true"]}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"Bool": {"aws:SecureTransport": "false"}, "StringEquals": {"aws:SourceVpce": "vpce-1"}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"NumericGreaterThan": {"s3:TlsVersion": "1.2"}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"ForAnyValue:Bool": {"aws:SecureTransport": "false"}}""", "Deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"Bool": {"aws:SecureTransport": "false"}}""", "deny")]
    [InlineData("\"*\"", "\"s3:*\"", "\"*\"", """{"Bool": {"aws:SecureTransport": "false"}}""", "Allow")]
    public void Evaluate_DenyThatDoesNotCoverEverything_ReturnsFail(string principal, string action, string resource, string condition, string effect)
    {
        var result = Assert.Single(Run(Bucket(Deny(principal, action, resource, condition, effect))));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("%7B%22Statement%22%3A%5B%5D%7D")]
    [InlineData("""{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": 5}]}""")]
    public void Evaluate_UnparsablePolicy_ReturnsErrorNeverPass(string policy)
    {
        var result = Assert.Single(Run(Bucket(policy)));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.StartsWith("bucket policy could not be evaluated: ", result.Reason);
    }

    [Fact]
    public void Evaluate_GetBucketPolicyDenied_ReturnsErrorForThatBucketOnly()
    {
        var inventory = TestInventory.Empty() with
        {
            S3 = new S3Data { Buckets = [Bucket(null, "secret"), Bucket(Deny())] },
            Errors = [TestInventory.AccessDenied("s3", "GetBucketPolicy", "eu-west-1", "secret")],
        };

        var results = new S3BucketTlsOnlyPolicy().Run(inventory);

        Assert.Equal(ResultStatus.Error, results.Single(r => r.ResourceId == "secret").Status);
        Assert.Contains("s3:GetBucketPolicy", results.Single(r => r.ResourceId == "secret").Reason);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.ResourceId == "data").Status);
    }

    [Fact]
    public void Evaluate_ListBucketsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("s3", "ListBuckets")] };

        var result = Assert.Single(new S3BucketTlsOnlyPolicy().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_NoBuckets_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }
}
