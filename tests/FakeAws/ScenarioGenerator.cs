using Dashboard.Core.Demo;
using Dashboard.Core.Inventory;
using FakeAws.Wire;

namespace FakeAws;

/// <summary>Builds scenarios: the demo organisation (with keys and roles) and large synthetic accounts.</summary>
public static partial class ScenarioGenerator
{
    public const string DemoExternalId = "kelpline-posture-scanner";

    /// <summary>The scan time the shipped demo scenario (Scenarios/demo.json) is generated for.</summary>
    public static readonly DateTimeOffset DemoTime = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The access key id of a demo account: AKIAFAKE + the account id.</summary>
    public static string DemoAccessKeyId(string accountId) => "AKIAFAKE" + accountId;

    public static string DemoSecret(string accountId) => "fake-secret-" + accountId;

    public static string ScannerRoleArn(string accountId) => $"arn:aws:iam::{accountId}:role/PostureScanner";

    /// <summary>The demo organisation as a scenario: one access key per account plus a PostureScanner role (external id required).</summary>
    public static Scenario Demo(DateTimeOffset now)
    {
        var inventories = DemoOrganization.Create(now);
        var ids = inventories.Select(i => i.AccountId).ToArray();
        return new Scenario
        {
            Accounts = inventories.Select(i => ToAccount(ScenarioSamples.Fill(i, DemoOrganization.ManagementAccountId, ids))).ToArray(),
        };
    }

    public static ScenarioAccount ToAccount(AccountInventory inventory) => new()
    {
        AccessKeyId = DemoAccessKeyId(inventory.AccountId),
        SecretAccessKey = DemoSecret(inventory.AccountId),
        AssumableRoles = [new AssumableRole(ScannerRoleArn(inventory.AccountId), DemoExternalId)],
        Inventory = inventory with { Errors = [] },
    };

    /// <summary>The 12-digit id of the fleet account at <paramref name="index"/> (0-based): 600000000001, 600000000002, ...</summary>
    public static string FleetAccountId(int index) => (600_000_000_001L + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Many small accounts for multi-account scans (scale-out tests and benchmarks): each has its own access key and the
    /// PostureScanner role (external id <see cref="DemoExternalId"/>), two regions, and a size that varies with its
    /// index, so that results mixed up between accounts would show. Deterministic for given arguments.
    /// </summary>
    public static Scenario Fleet(int accounts, DateTimeOffset now) => new()
    {
        Accounts = Enumerable.Range(0, accounts).Select(i => ToAccount(LargeInventory(new LargeAccountSpec
        {
            AccountId = FleetAccountId(i),
            Regions = ["us-east-1", "eu-west-1"],
            Users = 2 + (i % 5),
            Roles = 4 + (i % 7),
            Policies = 2 + (i % 3),
            Buckets = 1 + (i % 4),
            SecurityGroupsPerRegion = 2 + (i % 3),
            InstancesPerRegion = 1 + (i % 3),
            MetricFilters = 2,
            KeysPerRegion = 1 + (i % 2),
        }, now))).ToArray(),
    };

    private static string DemoKeyId(string seed)
    {
        var h = Ids.Hex(seed, 32);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }
}
