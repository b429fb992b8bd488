using System.Net;
using Amazon.EC2.Model;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;

namespace FakeAws.Tests;

/// <summary>The official AWSSDK packages read the demo scenario through the fake.</summary>
public sealed class SdkFidelityTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private FakeAwsServer Server => fixture.Server;

    [Fact]
    public async Task Sts_GetCallerIdentity_ReturnsTheKeysAccount()
    {
        using var sts = Clients.Sts(Server, DemoServerFixture.Credentials(fixture.Prod));
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(fixture.Prod.AccountId, identity.Account);
        Assert.StartsWith($"arn:aws:iam::{fixture.Prod.AccountId}:", identity.Arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sts_AssumeRole_WithExternalId_GivesSessionCredentialsForTheTargetAccount()
    {
        using var sts = Clients.Sts(Server, DemoServerFixture.Credentials(fixture.Prod));
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = ScenarioGenerator.ScannerRoleArn(fixture.Dev.AccountId),
            RoleSessionName = "scan",
            ExternalId = ScenarioGenerator.DemoExternalId,
        });
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);

        var session = new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
        using var asDev = Clients.Sts(Server, session);
        var identity = await asDev.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(fixture.Dev.AccountId, identity.Account);
        Assert.Equal($"arn:aws:sts::{fixture.Dev.AccountId}:assumed-role/PostureScanner/scan", identity.Arn);

        using var s3 = Clients.S3(Server, session);
        var buckets = await s3.ListBucketsAsync(new ListBucketsRequest());
        Assert.Equal(fixture.Dev.Inventory.S3.Buckets.Select(b => b.Name).Order(), buckets.Buckets.Select(b => b.BucketName).Order());
    }

    [Fact]
    public async Task Sts_TemporaryCredentials_WithoutTheirSessionToken_AreRejected()
    {
        using var sts = Clients.Sts(Server, DemoServerFixture.Credentials(fixture.Prod));
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = ScenarioGenerator.ScannerRoleArn(fixture.Prod.AccountId),
            RoleSessionName = "no-token",
            ExternalId = ScenarioGenerator.DemoExternalId,
        });
        using var withoutToken = Clients.Sts(Server, new BasicAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey));
        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => withoutToken.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }

    [Theory]
    [InlineData("wrong-external-id")]
    [InlineData(null)]
    public async Task Sts_AssumeRole_WithWrongOrMissingExternalId_IsAccessDenied(string? externalId)
    {
        using var sts = Clients.Sts(Server, DemoServerFixture.Credentials(fixture.Prod));
        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = ScenarioGenerator.ScannerRoleArn(fixture.Dev.AccountId),
            RoleSessionName = "scan",
            ExternalId = externalId,
        }));
        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task S3_ListBuckets_ReturnsEveryBucketWithItsRegion()
    {
        using var s3 = Clients.S3(Server, DemoServerFixture.Credentials(fixture.Prod));
        var response = await s3.ListBucketsAsync(new ListBucketsRequest());
        var expected = fixture.Prod.Inventory.S3.Buckets.Select(b => (b.Name, b.Region)).Order();
        Assert.Equal(expected, response.Buckets.Select(b => (b.BucketName, b.BucketRegion)).Order());
    }

    [Fact]
    public async Task S3_GetBucketPolicy_ReturnsThePolicy_AndNoPolicyAsTheSdkMapsIt()
    {
        var withPolicy = fixture.Prod.Inventory.S3.Buckets.First(b => b.Policy is not null);
        var without = fixture.Prod.Inventory.S3.Buckets.First(b => b.Policy is null);

        using var s3 = Clients.S3(Server, DemoServerFixture.Credentials(fixture.Prod), withPolicy.Region);
        var policy = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = withPolicy.Name });
        Assert.Equal(withPolicy.Policy, policy.Policy);

        // AWSSDK.S3 4.0.104 does not throw for NoSuchBucketPolicy: it returns the 404 with the error document in Policy.
        // Collectors must check HttpStatusCode; the CLI test checks the error code itself.
        using var s3Other = Clients.S3(Server, DemoServerFixture.Credentials(fixture.Prod), without.Region);
        var none = await s3Other.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = without.Name });
        Assert.Equal(HttpStatusCode.NotFound, none.HttpStatusCode);
        Assert.Contains("<Code>NoSuchBucketPolicy</Code>", none.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_GetPublicAccessBlock_ReturnsSettingsOrNoSuchPublicAccessBlockConfiguration()
    {
        var blocked = fixture.Prod.Inventory.S3.Buckets.First(b => b.PublicAccessBlock is not null);
        var open = fixture.Prod.Inventory.S3.Buckets.First(b => b.PublicAccessBlock is null);

        using var s3 = Clients.S3(Server, DemoServerFixture.Credentials(fixture.Prod), blocked.Region);
        var pab = await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = blocked.Name });
        Assert.Equal(blocked.PublicAccessBlock!.BlockPublicAcls, pab.PublicAccessBlockConfiguration.BlockPublicAcls);
        Assert.Equal(blocked.PublicAccessBlock.RestrictPublicBuckets, pab.PublicAccessBlockConfiguration.RestrictPublicBuckets);

        using var s3Open = Clients.S3(Server, DemoServerFixture.Credentials(fixture.Prod), open.Region);
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3Open.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = open.Name }));
        Assert.Equal("NoSuchPublicAccessBlockConfiguration", error.ErrorCode);
    }

    [Fact]
    public async Task S3_BucketCalledInTheWrongRegion_AnswersPermanentRedirectWithTheBucketRegion()
    {
        var bucket = fixture.Prod.Inventory.S3.Buckets.First(b => b.Region != "us-east-1");
        using var s3 = Clients.S3(Server, DemoServerFixture.Credentials(fixture.Prod), "us-east-1");
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket.Name }));
        Assert.Equal(HttpStatusCode.MovedPermanently, error.StatusCode);
        Assert.Equal("PermanentRedirect", error.ErrorCode);
    }

    [Fact]
    public async Task S3_WrongSecret_IsSignatureDoesNotMatch()
    {
        using var s3 = Clients.S3(Server, new BasicAWSCredentials(fixture.Prod.AccessKeyId, "not-the-secret"));
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Ec2_DescribeInstances_ReturnsTheRegionsInstances()
    {
        var region = fixture.Prod.Inventory.Ec2.Instances.GroupBy(i => i.Region).OrderByDescending(g => g.Count()).First().Key;
        using var ec2 = Clients.Ec2(Server, DemoServerFixture.Credentials(fixture.Prod), region);
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        var instances = response.Reservations.SelectMany(r => r.Instances).ToArray();
        Assert.Equal(fixture.Prod.Inventory.Ec2.Instances.Where(i => i.Region == region).Select(i => i.InstanceId).Order(), instances.Select(i => i.InstanceId).Order());
        var first = fixture.Prod.Inventory.Ec2.Instances.First(i => i.Region == region);
        var served = instances.Single(i => i.InstanceId == first.InstanceId);
        Assert.Equal(first.MetadataOptions.HttpTokens, served.MetadataOptions.HttpTokens.Value);
        Assert.Equal(first.State, served.State.Name.Value);
    }

    [Fact]
    public async Task Ec2_DisabledOptInRegion_IsAuthFailure()
    {
        var disabled = fixture.Prod.Disabled[0];
        using var ec2 = Clients.Ec2(Server, DemoServerFixture.Credentials(fixture.Prod), disabled);
        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest()));
        Assert.Equal("AuthFailure", error.ErrorCode);
    }

    [Fact]
    public async Task Ec2_DescribeRegions_AllRegions_ReportsOptInStatus()
    {
        using var ec2 = Clients.Ec2(Server, DemoServerFixture.Credentials(fixture.Prod), "us-east-1");
        var response = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true });
        var status = response.Regions.ToDictionary(r => r.RegionName, r => r.OptInStatus);
        Assert.Equal("not-opted-in", status[fixture.Prod.Disabled[0]]);
        Assert.All(fixture.Prod.Enabled, r => Assert.NotEqual("not-opted-in", status[r]));
    }

    [Fact]
    public async Task Kms_ListAndDescribeKeys_MatchTheScenario()
    {
        var region = fixture.Prod.Inventory.Kms.Keys[0].Region;
        var expected = fixture.Prod.Inventory.Kms.Keys.Where(k => k.Region == region).ToArray();
        using var kms = Clients.Kms(Server, DemoServerFixture.Credentials(fixture.Prod), region);
        var keys = await kms.ListKeysAsync(new ListKeysRequest());
        Assert.Equal(expected.Select(k => k.KeyId).Order(), keys.Keys.Select(k => k.KeyId).Order());

        foreach (var key in expected)
        {
            var described = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId });
            Assert.Equal(key.KeyManager, described.KeyMetadata.KeyManager.Value);
            Assert.Equal(key.Arn, described.KeyMetadata.Arn);
        }

        var customer = expected.First(k => k.KeyManager == "CUSTOMER");
        var rotation = await kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = customer.KeyId });
        Assert.Equal(customer.KeyRotationEnabled, rotation.KeyRotationEnabled);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "00000000-0000-0000-0000-000000000000" }));
        Assert.Equal("NotFoundException", missing.ErrorCode);
    }
}
