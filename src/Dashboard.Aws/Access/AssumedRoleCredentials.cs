using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Access;

/// <summary>
/// Credentials of an assumed role that refresh themselves (5 minutes before expiry), so a scan longer than the
/// session keeps working. Equivalent to the SDK's AssumeRoleAWSCredentials, but the STS client follows the same
/// endpoint configuration as every other client of the scan (an explicit endpoint, or AWS_ENDPOINT_URL*).
/// </summary>
public sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private readonly AWSCredentials _source;
    private readonly AssumeRoleRequest _request;
    private readonly AmazonSecurityTokenServiceConfig _config;

    public AssumedRoleCredentials(AWSCredentials source, string roleArn, string sessionName, string? externalId, TimeSpan duration, string region, string? endpointUrl)
    {
        _source = source;
        _request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName,
            ExternalId = externalId,
            DurationSeconds = (int)duration.TotalSeconds,
        };
        _config = AwsClientFactory.StsConfig(region, endpointUrl);
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
    }

    public string RoleArn => _request.RoleArn;

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        using var sts = new AmazonSecurityTokenServiceClient(_source, _config);
        try
        {
            var response = await sts.AssumeRoleAsync(_request);
            var c = response.Credentials;
            return new CredentialsRefreshState(
                new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
                (c.Expiration ?? DateTime.UtcNow.AddMinutes(15)).ToUniversalTime());
        }
        catch (AmazonServiceException ex)
        {
            throw new AccountAccessException($"sts:AssumeRole on {_request.RoleArn} failed ({ex.ErrorCode}): {ex.Message}", ex);
        }
    }
}
