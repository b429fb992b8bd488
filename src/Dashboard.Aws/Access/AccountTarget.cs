using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Access;

/// <summary>
/// How to reach one AWS account. With neither <see cref="Profile"/> nor <see cref="RoleArn"/>, the SDK's default
/// credential chain is used (environment, profiles including SSO, web identity, container and instance roles).
/// With <see cref="RoleArn"/>, that source identity (or <see cref="Profile"/>) assumes the role. No secret keys here.
/// </summary>
public sealed record AccountTarget
{
    /// <summary>A shared-config profile name (may itself be an SSO or assume-role profile).</summary>
    public string? Profile { get; init; }

    public string? RoleArn { get; init; }

    /// <summary>Required by the shipped role templates; sent as sts:ExternalId.</summary>
    public string? ExternalId { get; init; }

    public string RoleSessionName { get; init; } = "posture-dashboard-scan";

    /// <summary>
    /// Session length for the assumed role. Role chaining (the source identity is itself a role session) caps this at
    /// one hour; the credentials refresh themselves before expiry, so long scans keep working.
    /// </summary>
    public TimeSpan RoleSessionDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The region for STS and region discovery (default: AWS_REGION / profile region / us-east-1).</summary>
    public string? HomeRegion { get; init; }

    /// <summary>Regions to scan; empty = every region enabled for the account.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>An explicit endpoint for every service (like --endpoint-url); normally null so AWS_ENDPOINT_URL* and the config file apply.</summary>
    public string? EndpointUrl { get; init; }
}

/// <summary>Thrown when credentials for a target cannot be found or the role cannot be assumed.</summary>
public sealed class AccountAccessException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns an <see cref="AccountTarget"/> into SDK credentials.</summary>
public static class AccountAccess
{
    /// <summary>One hour: the STS limit for role chaining, and the default role MaxSessionDuration.</summary>
    public static readonly TimeSpan RoleChainingLimit = TimeSpan.FromHours(1);

    /// <summary>Credentials for the target; <paramref name="source"/> replaces the default chain or profile (tests, hosts).</summary>
    public static AWSCredentials ResolveCredentials(AccountTarget target, AWSCredentials? source = null)
    {
        source ??= target.Profile is null ? DefaultChain() : FromProfile(target.Profile);
        if (target.RoleArn is null)
        {
            return source;
        }

        if (!Arn.TryParse(target.RoleArn, out var roleArn) || roleArn.Service != "iam" || !roleArn.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            throw new AccountAccessException($"'{target.RoleArn}' is not an IAM role ARN");
        }

        // Any session that assumes a role from another role session is role chaining, which STS caps at one hour.
        var duration = target.RoleSessionDuration > RoleChainingLimit && IsRoleSession(source) ? RoleChainingLimit : target.RoleSessionDuration;
        return new AssumedRoleCredentials(source, target.RoleArn, target.RoleSessionName, target.ExternalId,
            TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds, 900, 43_200)), ResolveHomeRegion(target), target.EndpointUrl);
    }

    /// <summary>
    /// Clients that reach the target as a scan does: its credentials (<paramref name="source"/> as in
    /// <see cref="ResolveCredentials"/>), the partition of its home region, its endpoint and its profile's own settings
    /// (endpoint_url, services). Throws <see cref="AccountAccessException"/>.
    /// </summary>
    public static AwsClientFactory Connect(AccountTarget target, AWSCredentials? source, out string homeRegion, int? maxAttempts = null)
    {
        var credentials = ResolveCredentials(target, source);
        homeRegion = ResolveHomeRegion(target);
        return new AwsClientFactory(credentials, Arn.PartitionOfRegion(homeRegion), target.EndpointUrl) { MaxAttempts = maxAttempts, ProfileName = target.Profile };
    }

    /// <summary>The home region: the target's, else AWS_REGION / AWS_DEFAULT_REGION / the profile's region, else us-east-1.</summary>
    public static string ResolveHomeRegion(AccountTarget target)
    {
        if (target.HomeRegion is { Length: > 0 } region)
        {
            return region;
        }

        if (target.Profile is not null && new CredentialProfileStoreChain().TryGetProfile(target.Profile, out var profile) && profile.Region is not null)
        {
            return profile.Region.SystemName;
        }

        return FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false)?.SystemName ?? "us-east-1";
    }

    private static AWSCredentials DefaultChain()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(new GenericClientConfig(AwsService.Iam));
        }
        catch (AmazonClientException ex)
        {
            throw new AccountAccessException("no AWS credentials found in the default chain (environment, profile, SSO, web identity, container, instance)", ex);
        }
    }

    private static AWSCredentials FromProfile(string name)
    {
        var chain = new CredentialProfileStoreChain();
        if (!chain.TryGetAWSCredentials(name, out var credentials))
        {
            throw new AccountAccessException($"profile '{name}' was not found or has no usable credentials");
        }

        return credentials;
    }

    private static bool IsRoleSession(AWSCredentials source) =>
        source is AssumedRoleCredentials or AssumeRoleAWSCredentials or AssumeRoleWithWebIdentityCredentials or SessionAWSCredentials
        || source.GetType().Name.Contains("SSO", StringComparison.Ordinal);
}
