using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Web;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Web;

public class WebFrontendAccessLoggingTests
{
    private const string ElbLogPolicy = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"logdelivery.elasticloadbalancing.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::alb-logs/*"}]}""";

    [Fact]
    public void Evaluate_Always_ReturnsManualSayingWhatIsNotCollected()
    {
        var result = Assert.Single(new WebFrontendAccessLogging().Run(TestInventory.Empty()));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Contains("not collected by this scanner", result.Reason);
        Assert.Equal("none found", result.Evidence["logDeliveryBuckets"]);
    }

    [Fact]
    public void Evaluate_BucketReceivingLoadBalancerLogs_IsListedAsEvidence()
    {
        var inventory = TestInventory.Empty() with
        {
            S3 = new S3Data { Buckets = [new S3Bucket { Name = "alb-logs", Region = "eu-west-1", Policy = ElbLogPolicy }, new S3Bucket { Name = "data", Region = "eu-west-1" }] },
        };

        var result = Assert.Single(new WebFrontendAccessLogging().Run(inventory));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("alb-logs", result.Evidence["logDeliveryBuckets"]);
    }

    [Fact]
    public void Evaluate_ListBucketsDenied_ReturnsError()
    {
        var result = Assert.Single(new WebFrontendAccessLogging().Run(TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("s3", "ListBuckets")] }));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_BucketPolicyDenied_IsNotedInEvidence()
    {
        var inventory = TestInventory.Empty() with
        {
            S3 = new S3Data { Buckets = [new S3Bucket { Name = "alb-logs", Region = "eu-west-1" }] },
            Errors = [TestInventory.AccessDenied("s3", "GetBucketPolicy", "eu-west-1", "alb-logs")],
        };

        var result = Assert.Single(new WebFrontendAccessLogging().Run(inventory));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("alb-logs", result.Evidence["bucketPoliciesNotRead"]);
    }
}
