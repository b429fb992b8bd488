using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Inventory;

namespace FakeAws;

/// <summary>
/// What the fake serves: accounts described with the product's own inventory model, how to reach them
/// (access keys, assumable roles), which regions are enabled, and which faults to inject.
/// </summary>
public sealed record Scenario
{
    public IReadOnlyList<ScenarioAccount> Accounts { get; init; } = [];
    public ScenarioFaults Faults { get; init; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Scenario Load(string path) => Parse(File.ReadAllText(path));

    public static Scenario Parse(string json) =>
        JsonSerializer.Deserialize<Scenario>(json, JsonOptions) ?? throw new InvalidDataException("Empty scenario.");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>One account: its data (the inventory's Errors list is ignored) and its credentials.</summary>
public sealed record ScenarioAccount
{
    public required string AccessKeyId { get; init; }
    public required string SecretAccessKey { get; init; }

    /// <summary>The identity the access key belongs to; defaults to an IAM user "fake-scanner" in the account.</summary>
    public string? PrincipalArn { get; init; }

    /// <summary>Roles in this account that STS AssumeRole can assume (from any known caller).</summary>
    public IReadOnlyList<AssumableRole> AssumableRoles { get; init; } = [];

    /// <summary>Enabled regions; empty means the inventory's <see cref="AccountInventory.Regions"/>.</summary>
    public IReadOnlyList<string> EnabledRegions { get; init; } = [];

    /// <summary>Opt-in regions that are not enabled; empty means the inventory's skipped regions.</summary>
    public IReadOnlyList<string> DisabledRegions { get; init; } = [];

    public required AccountInventory Inventory { get; init; }

    [JsonIgnore]
    public string AccountId => Inventory.AccountId;

    [JsonIgnore]
    public IReadOnlyList<string> Enabled => EnabledRegions.Count > 0 ? EnabledRegions : Inventory.Regions;

    [JsonIgnore]
    public IReadOnlyList<string> Disabled => DisabledRegions.Count > 0 ? DisabledRegions : Inventory.SkippedRegions.Select(r => r.Region).ToArray();
}

/// <param name="ExternalId">Required external id; null means the role's trust policy does not ask for one.</param>
public sealed record AssumableRole(string RoleArn, string? ExternalId);

public sealed record ScenarioFaults
{
    public IReadOnlyList<AccessDeniedRule> AccessDenied { get; init; } = [];

    /// <summary>Fraction (0..1) of calls answered with the service's throttling error; decided by a seeded hash, so runs repeat.</summary>
    public double ThrottleFraction { get; init; }

    /// <summary>Limit throttling to these signing names (iam, ec2, ...); empty means every service.</summary>
    public IReadOnlyList<string> ThrottleServices { get; init; } = [];

    public int Seed { get; init; } = 1;

    /// <summary>Fixed delay before every answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Largest page any paginated operation returns; null means each operation's real default.</summary>
    public int? PageSize { get; init; }

    /// <summary>
    /// Request-rate limits (token buckets per service and region, optionally per operation); the first matching rule
    /// applies. Empty means unlimited. <see cref="Wire.AwsRateLimits.Defaults"/> holds AWS's published defaults.
    /// </summary>
    public IReadOnlyList<Wire.RateLimitRule> RateLimits { get; init; } = [];
}

/// <summary>Denies matching calls. Service is the signing name (iam, s3, ec2, ...); null members match anything.</summary>
public sealed record AccessDeniedRule(string Service, string? Operation = null, string? Region = null, string? Resource = null)
{
    public bool Matches(string service, string operation, string region, string? resource) =>
        string.Equals(Service, service, StringComparison.OrdinalIgnoreCase)
        && (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal))
        && (Region is null || string.Equals(Region, region, StringComparison.Ordinal))
        && (Resource is null || (resource is not null && (resource == Resource || resource.EndsWith("/" + Resource, StringComparison.Ordinal) || resource.EndsWith(":" + Resource, StringComparison.Ordinal))));
}
