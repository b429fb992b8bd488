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

    public static IReadOnlyList<ICollector> ServedCollectors => CollectorCatalog.All;

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

    /// <summary>
    /// Canonical text of <paramref name="actual"/> after dropping object members that <paramref name="expected"/> lacks
    /// and that hold only "not configured" values: scenarios list per-region settings only where something is set,
    /// while a complete collection reports every region in scope.
    /// </summary>
    public static string CanonicalLike<T>(T expected, T actual)
    {
        var e = JsonSerializer.SerializeToNode(expected, JsonOptions);
        var a = JsonSerializer.SerializeToNode(actual, JsonOptions);
        Prune(e, a);
        return Canonicalize(a)?.ToJsonString() ?? "null";
    }

    private static void Prune(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var key in a.Select(p => p.Key).ToList())
            {
                if (!e.ContainsKey(key) && IsUnset(a[key]))
                {
                    a.Remove(key);
                }
                else if (e.ContainsKey(key))
                {
                    Prune(e[key], a[key]);
                }
            }
        }
    }

    private static bool IsUnset(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject o => o.All(p => IsUnset(p.Value)),
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<int>(out var i) => i == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s is "" or "DISABLED",
        _ => false,
    };

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonicalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonicalize).OrderBy(n => n?.ToJsonString(), StringComparer.Ordinal).ToArray()),
        _ => node?.DeepClone(),
    };
}
