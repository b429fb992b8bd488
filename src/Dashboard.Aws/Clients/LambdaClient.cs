using System.Text.Json;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record ListFunctionsResponse(IReadOnlyList<LambdaFunction> Functions, string? NextMarker);

/// <summary>Lambda (REST-JSON), shaped like AWSSDK.Lambda. Environment variable values are dropped on arrival.</summary>
public sealed class LambdaClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Lambda, region)
{
    public Task<ListFunctionsResponse> ListFunctionsAsync(string? marker, CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("ListFunctions", "GET", "/2015-03-31/functions").With("Marker", marker), root => new ListFunctionsResponse(
            root.Arr("Functions").Select(f => new LambdaFunction
            {
                FunctionName = f.Str("FunctionName") ?? "",
                FunctionArn = f.Str("FunctionArn") ?? "",
                Region = Region,
                Runtime = f.Str("Runtime"),
                Role = f.Str("Role") ?? "",
                EnvironmentVariableNames = f.Get("Environment")?.Get("Variables") is { ValueKind: JsonValueKind.Object } variables
                    ? variables.EnumerateObject().Select(v => v.Name).Order(StringComparer.Ordinal).ToList()
                    : [],
            }).ToList(),
            root.Str("NextMarker")), cancellationToken);

    /// <summary>The function's resource-based policy JSON (ResourceNotFoundException when it has none).</summary>
    public Task<string?> GetPolicyAsync(string functionName, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("GetPolicy", "GET", "/2015-03-31/functions/{FunctionName}/policy");
        operation.PathLabels["FunctionName"] = functionName;
        return JsonAsync(operation, root => root.Str("Policy"), cancellationToken);
    }

    public Task<Dictionary<string, string>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("ListTags", "GET", "/2017-03-31/tags/{Resource}");
        operation.PathLabels["Resource"] = resourceArn;
        return JsonAsync(operation, root => root.StringMap("Tags"), cancellationToken);
    }
}
