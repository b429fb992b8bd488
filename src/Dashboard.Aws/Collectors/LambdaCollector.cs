using System.Collections.Concurrent;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>Lambda per region: ListFunctions, then each function's resource policy (none = ResourceNotFoundException) and tags.</summary>
public sealed class LambdaCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions = ["lambda:ListFunctions", "lambda:GetPolicy", "lambda:ListTags"];

    private const string Service = "lambda";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var functions = new ConcurrentBag<LambdaFunction>();
        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var client = new LambdaClient(context.Transport, region);
            var listed = new List<LambdaFunction>();
            await context.PageAsync(Service, region, "ListFunctions", null, client.ListFunctionsAsync, p => p.NextMarker, p => listed.AddRange(p.Functions), ct);
            await CollectionContext.ForEachAsync(listed, context.Options.MaxConcurrencyPerServiceRegion, async (function, c) =>
            {
                var policy = await context.CallAsync(Service, region, "GetPolicy", function.FunctionArn, x => client.GetPolicyAsync(function.FunctionName, x), c, "ResourceNotFoundException");
                var tags = await context.CallAsync(Service, region, "ListTags", function.FunctionArn, x => client.ListTagsAsync(function.FunctionArn, x), c, "ResourceNotFoundException");
                functions.Add(function with { Policy = policy.Value, Tags = tags.Value ?? function.Tags });
            }, ct);
        }, cancellationToken);

        var data = new LambdaData { Functions = functions.OrderBy(f => f.FunctionArn, StringComparer.Ordinal).ToList() };
        return inventory => inventory with { Lambda = data };
    }
}
