using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record ListSecretsResponse(IReadOnlyList<Secret> SecretList, string? NextToken);

/// <summary>Secrets Manager (JSON 1.1), shaped like AWSSDK.SecretsManager. Secret values are never read.</summary>
public sealed class SecretsManagerClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.SecretsManager, region)
{
    public Task<ListSecretsResponse> ListSecretsAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["MaxResults"] = 100 };
        if (nextToken is not null)
        {
            body["NextToken"] = nextToken;
        }

        return JsonAsync(new AwsOperation("ListSecrets") { Body = body }, root => new ListSecretsResponse(
            root.Arr("SecretList").Select(s => new Secret
            {
                Name = s.Str("Name") ?? "",
                Arn = s.Str("ARN") ?? "",
                Region = Region,
                RotationEnabled = s.Bool("RotationEnabled"),
                RotationIntervalDays = s.Get("RotationRules")?.Int("AutomaticallyAfterDays"),
                CreatedDate = s.Date("CreatedDate"),
                LastRotatedDate = s.Date("LastRotatedDate"),
                LastAccessedDate = s.Date("LastAccessedDate"),
                OwningService = s.Str("OwningService"),
                Tags = s.TagList("Tags"),
            }).ToList(),
            root.Str("NextToken")), cancellationToken);
    }

    /// <summary>The resource policy JSON, or null when the secret has none.</summary>
    public Task<string?> GetResourcePolicyAsync(string secretId, CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("GetResourcePolicy") { Body = new JsonObject { ["SecretId"] = secretId } }, root => root.Str("ResourcePolicy"), cancellationToken);
}
