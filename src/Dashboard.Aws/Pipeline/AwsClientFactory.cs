using System.Collections.Concurrent;
using System.Net;
using Amazon;
using Amazon.EC2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace Dashboard.Aws.Pipeline;

/// <summary>
/// Creates and caches one client per (service, region) for one account: the official AWSSDK clients for S3, EC2, KMS
/// and STS, and the generic pipeline client (through <see cref="IAwsTransport"/>) for the rest. Endpoints come from
/// the SDK's own configuration (AWS_ENDPOINT_URL*, config file) unless <paramref name="endpointUrl"/> forces one.
/// </summary>
public sealed class AwsClientFactory(AWSCredentials credentials, string partition, string? endpointUrl = null) : IAwsTransport, IDisposable
{
    private readonly ConcurrentDictionary<(string, string), Lazy<IDisposable>> _clients = new();

    public AWSCredentials Credentials { get; } = credentials;
    public string Partition { get; set; } = partition;
    public string? EndpointUrl { get; } = endpointUrl;

    /// <summary>Attempts per call (standard retry mode); null keeps the SDK's default (3, or AWS_MAX_ATTEMPTS).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>A named profile: its endpoint_url / services settings then apply, as with the official SDKs.</summary>
    public string? ProfileName { get; init; }

    private T Tune<T>(T config)
        where T : ClientConfig
    {
        if (ProfileName is not null)
        {
            config.Profile = new Profile(ProfileName);
        }

        if (MaxAttempts is { } attempts)
        {
            config.MaxErrorRetry = Math.Max(0, attempts - 1);
        }

        return config;
    }

    // Every client signs for its own region (AuthenticationRegion): with AWS_ENDPOINT_URL set, the SDK would otherwise
    // sign every regional client for AWS_REGION, and emulators that route by the signed region would answer wrongly.
    public AmazonS3Client S3(string region) => Get("s3", region, () =>
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region), RetryMode = RequestRetryMode.Standard, AuthenticationRegion = region };
        if (EndpointUrl is not null)
        {
            config.ServiceURL = EndpointUrl;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
        }

        return new AmazonS3Client(Credentials, Tune(config));
    });

    public AmazonEC2Client Ec2(string region) => Get("ec2", region, () =>
    {
        var config = new AmazonEC2Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region), RetryMode = RequestRetryMode.Standard, AuthenticationRegion = region };
        if (EndpointUrl is not null)
        {
            config.ServiceURL = EndpointUrl;
            config.AuthenticationRegion = region;
        }

        return new AmazonEC2Client(Credentials, Tune(config));
    });

    public AmazonKeyManagementServiceClient Kms(string region) => Get("kms", region, () =>
    {
        var config = new AmazonKeyManagementServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), RetryMode = RequestRetryMode.Standard, AuthenticationRegion = region };
        if (EndpointUrl is not null)
        {
            config.ServiceURL = EndpointUrl;
            config.AuthenticationRegion = region;
        }

        return new AmazonKeyManagementServiceClient(Credentials, Tune(config));
    });

    public AmazonSecurityTokenServiceClient Sts(string region) => Get("sts", region, () => new AmazonSecurityTokenServiceClient(Credentials, Tune(StsConfig(region, EndpointUrl))));

    public static AmazonSecurityTokenServiceConfig StsConfig(string region, string? endpointUrl)
    {
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), RetryMode = RequestRetryMode.Standard, AuthenticationRegion = region };
        if (endpointUrl is not null)
        {
            config.ServiceURL = endpointUrl;
            config.AuthenticationRegion = region;
        }

        return config;
    }

    public Task<byte[]> SendAsync(AwsService service, string region, AwsOperation operation, CancellationToken cancellationToken)
    {
        var key = service.Global ? AwsService.GlobalRegion(Partition) : region;
        var client = Get(service.ServiceId, key, () => new GenericAwsClient(Credentials, Tune(GenericAwsClient.CreateConfig(service, key, Partition, EndpointUrl))));
        if (operation.HostPrefix is not null && !HostPrefixApplies(client.Config.ServiceURL))
        {
            operation.HostPrefix = null;
        }

        return client.SendAsync(operation, cancellationToken);
    }

    // A host prefix such as "123456789012." cannot go in front of an IP address or localhost (local emulators).
    private static bool HostPrefixApplies(string? configuredUrl) =>
        configuredUrl is null
        || !Uri.TryCreate(configuredUrl, UriKind.Absolute, out var uri)
        || !(IPAddress.TryParse(uri.Host, out _) || uri.IsLoopback);

    private T Get<T>(string service, string region, Func<T> create)
        where T : IDisposable =>
        (T)_clients.GetOrAdd((service, region), _ => new Lazy<IDisposable>(() => create())).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
