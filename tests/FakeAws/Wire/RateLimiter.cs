using System.Collections.Concurrent;

namespace FakeAws.Wire;

/// <summary>
/// A request-rate limit: a token bucket that holds <paramref name="Burst"/> tokens and refills <paramref name="PerSecond"/>
/// a second; each call takes one token, and a call that finds none is answered with the service's throttling error.
/// There is one bucket per account and region (global services: one per account), and per operation when
/// <paramref name="PerOperation"/> is set or <paramref name="Operation"/> names one. Service is the signing name.
/// </summary>
public sealed record RateLimitRule(string Service, double PerSecond, double Burst, string? Operation = null, bool PerOperation = false)
{
    public bool Matches(string service, string operation) =>
        string.Equals(Service, service, StringComparison.Ordinal) && (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal));
}

/// <summary>
/// Default request rates, from AWS's published quotas where there are any (EC2 non-mutating actions, KMS, Lambda,
/// CloudWatch, CloudWatch Logs, CloudTrail, Security Hub, STS, S3 GET) and stated approximations where AWS publishes
/// none (IAM, Organizations, Account, Config, GuardDuty, Access Analyzer, EFS, RDS, Macie, Secrets Manager's list
/// calls). Real limits vary by account and region; these make throttling real in benchmarks, not exact.
/// </summary>
public static class AwsRateLimits
{
    public static IReadOnlyList<RateLimitRule> Defaults { get; } =
    [
        // IAM publishes no rates ("a number of token buckets might apply"); ~20/s is the commonly observed order.
        new("iam", 20, 20),
        new("sts", 600, 600),
        new("organizations", 10, 10),
        new("account", 10, 10),
        // EC2: per API and region, non-mutating actions: bucket 100, refill 20/s.
        new("ec2", 20, 100, PerOperation: true),
        // S3: 5,500 GET/HEAD per second per prefix; bucket configuration reads are not published separately.
        new("s3", 5500, 5500),
        new("kms", 100, 100, "ListKeys"),
        new("kms", 2000, 2000, "DescribeKey"),
        new("kms", 1000, 1000, "GetKeyRotationStatus"),
        new("kms", 1000, 1000, "GetKeyPolicy"),
        new("kms", 100, 100, PerOperation: true),
        new("cloudtrail", 10, 10, PerOperation: true),
        new("logs", 5, 5, "DescribeMetricFilters"),
        new("monitoring", 9, 9, "DescribeAlarms"),
        new("sns", 30, 30, PerOperation: true),
        // Lambda: control-plane APIs 15/s per API (GetFunction 100/s).
        new("lambda", 15, 15, PerOperation: true),
        new("secretsmanager", 50, 50, PerOperation: true),
        // Security Hub: "all other operations" 10/s, burst 30.
        new("securityhub", 10, 30, PerOperation: true),
        new("config", 10, 10, PerOperation: true),
        new("guardduty", 10, 10, PerOperation: true),
        new("access-analyzer", 10, 10, PerOperation: true),
        new("elasticfilesystem", 10, 10, PerOperation: true),
        new("rds", 10, 10, PerOperation: true),
        new("macie2", 10, 10, PerOperation: true),
    ];
}

/// <summary>Token buckets for <see cref="RateLimitRule"/>s; the first rule that matches a call decides its bucket.</summary>
public sealed class RateLimiter(IReadOnlyList<RateLimitRule> rules, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The rule and bucket key for a call, or null when no rule limits it.</summary>
    public static (RateLimitRule Rule, string Key)? Find(IReadOnlyList<RateLimitRule> rules, string account, string service, string operation, string region)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(service, operation))
            {
                var op = rule.Operation ?? (rule.PerOperation ? operation : "*");
                return (rule, $"{account}|{service}|{region}|{op}");
            }
        }

        return null;
    }

    /// <summary>Takes a token for this call; false means the call is throttled. Region is "global" for global services.</summary>
    public bool TryAcquire(string account, string service, string operation, string region)
    {
        if (Find(rules, account, service, operation, region) is not { } found)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd(found.Key, _ => new Bucket(found.Rule.Burst, time.GetTimestamp()));
        return bucket.TryTake(found.Rule, time);
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        public bool TryTake(RateLimitRule rule, TimeProvider time)
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(rule.Burst, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * rule.PerSecond));
                _stamp = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
