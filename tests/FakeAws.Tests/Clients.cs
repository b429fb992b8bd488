using Amazon.EC2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace FakeAws.Tests;

/// <summary>Official AWSSDK clients pointed at a fake, without retries so faults surface on the first answer.</summary>
internal static class Clients
{
    public static AmazonS3Client S3(FakeAwsServer server, AWSCredentials credentials, string region = "us-east-1") =>
        new(credentials, new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = region, MaxErrorRetry = 0 });

    public static AmazonEC2Client Ec2(FakeAwsServer server, AWSCredentials credentials, string region) =>
        new(credentials, new AmazonEC2Config { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = region, MaxErrorRetry = 0 });

    public static AmazonKeyManagementServiceClient Kms(FakeAwsServer server, AWSCredentials credentials, string region) =>
        new(credentials, new AmazonKeyManagementServiceConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = region, MaxErrorRetry = 0 });

    public static AmazonSecurityTokenServiceClient Sts(FakeAwsServer server, AWSCredentials credentials, string region = "us-east-1") =>
        new(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = region, MaxErrorRetry = 0 });
}
