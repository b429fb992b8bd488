using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FakeAws.Wire;

/// <summary>Runtime state of one scenario account (things that change as calls arrive).</summary>
public sealed class AccountState(ScenarioAccount scenario)
{
    public ScenarioAccount Scenario { get; } = scenario;

    private int _credentialReportGenerations;

    /// <summary>How often GenerateCredentialReport was called: the first call starts the report, later ones find it complete.</summary>
    public int CredentialReportGenerations => Volatile.Read(ref _credentialReportGenerations);

    public int StartCredentialReport() => Interlocked.Increment(ref _credentialReportGenerations);

    public bool IsEnabled(string region) => !Scenario.Disabled.Contains(region);
}

/// <summary>Credentials the fake accepts: scenario access keys and temporary credentials it issued.</summary>
public sealed record FakeCredential(string AccessKeyId, string SecretAccessKey, string? SessionToken, AccountState Account, string Principal);

/// <summary>Everything the server knows: the scenario, the credentials, the call counter.</summary>
public sealed class FakeState
{
    private readonly ConcurrentDictionary<string, FakeCredential> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _throttleSequence = new(StringComparer.Ordinal);
    private int _issued;

    public FakeState(Scenario scenario)
    {
        Scenario = scenario;
        RateLimiter = new RateLimiter(scenario.Faults.RateLimits, TimeProvider.System);
        Accounts = scenario.Accounts.Select(a => new AccountState(a)).ToArray();
        foreach (var account in Accounts)
        {
            var a = account.Scenario;
            _credentials[a.AccessKeyId] = new FakeCredential(a.AccessKeyId, a.SecretAccessKey, null, account,
                a.PrincipalArn ?? $"arn:{a.Inventory.Partition}:iam::{a.AccountId}:user/fake-scanner");
        }
    }

    public Scenario Scenario { get; }
    public IReadOnlyList<AccountState> Accounts { get; }
    public CallCounter Calls { get; } = new();

    /// <summary>Calls answered with a throttling error (rate limits and <see cref="ScenarioFaults.ThrottleFraction"/>), counted like <see cref="Calls"/>.</summary>
    public CallCounter Throttled { get; } = new();

    public RateLimiter RateLimiter { get; }

    /// <summary>Holds calls mid-scan for tests that must see a scan running (<see cref="CallGate.HoldAfter"/>).</summary>
    public CallGate Gate { get; } = new();

    public FakeCredential? Credential(string accessKeyId) => _credentials.GetValueOrDefault(accessKeyId);

    public FakeCredential IssueTemporary(AccountState account, string principal)
    {
        var n = Interlocked.Increment(ref _issued);
        var credential = new FakeCredential($"ASIAFAKE{n:D12}", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            "FakeSessionToken" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), account, principal);
        _credentials[credential.AccessKeyId] = credential;
        return credential;
    }

    /// <summary>
    /// Whether this call is throttled. Each (account, service, operation, region) key has its own call sequence and the
    /// decision hashes the seed, the key and the sequence number, so concurrency between keys does not change outcomes.
    /// </summary>
    public bool ShouldThrottle(string accountId, string service, string operation, string region)
    {
        var faults = Scenario.Faults;
        if (faults.ThrottleFraction <= 0 || (faults.ThrottleServices.Count > 0 && !faults.ThrottleServices.Contains(service)))
        {
            return false;
        }

        var key = $"{accountId}|{service}|{operation}|{region}";
        var n = _throttleSequence.AddOrUpdate(key, 1, (_, v) => v + 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{faults.Seed}|{key}|{n}"));
        var fraction = BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue;
        return fraction < faults.ThrottleFraction;
    }
}

/// <summary>Counts calls per (service, operation, region); service is the signing name.</summary>
public sealed class CallCounter
{
    private readonly ConcurrentDictionary<(string Service, string Operation, string Region), int> _counts = new();

    public void Add(string service, string operation, string region) => _counts.AddOrUpdate((service, operation, region), 1, (_, v) => v + 1);

    public int Total => _counts.Values.Sum();

    public int Count(string service, string? operation = null, string? region = null) =>
        _counts.Where(c => c.Key.Service == service && (operation is null || c.Key.Operation == operation) && (region is null || c.Key.Region == region))
            .Sum(c => c.Value);

    public IReadOnlyDictionary<(string Service, string Operation, string Region), int> Snapshot() => new Dictionary<(string, string, string), int>(_counts);

    public void Reset() => _counts.Clear();
}
