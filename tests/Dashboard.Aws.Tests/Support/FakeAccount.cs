using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Dashboard.Aws.Access;
using Dashboard.Aws.Collectors;
using Dashboard.Core.Demo;
using Dashboard.Core.Inventory;
using FakeAws;

namespace Dashboard.Aws.Tests.Support;

/// <summary>Starts the fake AWS for a scenario and collects one of its accounts through the real pipeline.</summary>
public static class FakeAccount
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The services the fake serves today; collectors for the others are tested once it serves them.</summary>
    public static IReadOnlyList<ICollector> ServedCollectors { get; } =
        [new IamCollector(), new S3Collector(), new Ec2Collector(), new CloudTrailCollector()];

    public static CollectionOptions FastOptions { get; } = new() { CredentialReportPollInterval = TimeSpan.Zero };

    public static Scenario Demo() => ScenarioGenerator.Demo(Now);

    public static AccountTarget Target(FakeAwsServer server, string homeRegion = "us-east-1") =>
        new() { EndpointUrl = server.Endpoint.ToString().TrimEnd('/'), HomeRegion = homeRegion };

    public static BasicAWSCredentials Keys(ScenarioAccount account) => new(account.AccessKeyId, account.SecretAccessKey);

    public static Task<CollectionResult> CollectAsync(FakeAwsServer server, ScenarioAccount account, AccountTarget? target = null,
        IReadOnlyList<ICollector>? collectors = null, CollectionOptions? options = null) =>
        new AccountCollector(collectors ?? ServedCollectors, options ?? FastOptions).CollectAsync(target ?? Target(server), Keys(account), CancellationToken.None);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>A canonical JSON text: object members sorted, arrays of objects sorted by their canonical text.</summary>
    public static string Canonical<T>(T value) => Canonicalize(JsonSerializer.SerializeToNode(value, JsonOptions))?.ToJsonString() ?? "null";

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonicalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonicalize).OrderBy(n => n?.ToJsonString(), StringComparer.Ordinal).ToArray()),
        _ => node?.DeepClone(),
    };
}
