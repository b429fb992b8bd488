using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FakeAws.Wire;

namespace FakeAws.Tests;

/// <summary>Per-service rate limits: token buckets per account, service and region (optionally operation).</summary>
public sealed class RateLimitTests
{
    private static readonly Scenario Demo = ScenarioGenerator.Demo(ScenarioGenerator.DemoTime);
    private static ScenarioAccount Prod => Demo.Accounts[0];
    private static BasicAWSCredentials ProdKey => DemoServerFixture.Credentials(Prod);

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void Bucket_LetsTheBurstThrough_ThenRefillsAtTheRate()
    {
        var clock = new ManualClock();
        var limiter = new RateLimiter([new RateLimitRule("iam", PerSecond: 2, Burst: 3)], clock);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire("1", "iam", "ListRoles", "global")).ToArray());

        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(limiter.TryAcquire("1", "iam", "ListRoles", "global"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryAcquire("1", "iam", "ListRoles", "global"));
        Assert.False(limiter.TryAcquire("1", "iam", "ListRoles", "global"));

        // A long pause refills no more than the burst.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire("1", "iam", "ListRoles", "global")));
    }

    [Fact]
    public void Buckets_AreSeparatePerAccountRegionAndOperation_AsTheRuleSays()
    {
        var limiter = new RateLimiter([new RateLimitRule("ec2", 0, 1, PerOperation: true), new RateLimitRule("s3", 0, 1)], new ManualClock());

        Assert.True(limiter.TryAcquire("1", "ec2", "DescribeVpcs", "us-east-1"));
        Assert.False(limiter.TryAcquire("1", "ec2", "DescribeVpcs", "us-east-1"));
        Assert.True(limiter.TryAcquire("1", "ec2", "DescribeSubnets", "us-east-1"));
        Assert.True(limiter.TryAcquire("1", "ec2", "DescribeVpcs", "eu-west-1"));
        Assert.True(limiter.TryAcquire("2", "ec2", "DescribeVpcs", "us-east-1"));

        // One bucket for every S3 operation in a region.
        Assert.True(limiter.TryAcquire("1", "s3", "GetBucketAcl", "us-east-1"));
        Assert.False(limiter.TryAcquire("1", "s3", "GetBucketPolicy", "us-east-1"));

        // No rule: never limited.
        Assert.All(Enumerable.Range(0, 50), _ => Assert.True(limiter.TryAcquire("1", "kms", "ListKeys", "us-east-1")));
    }

    [Fact]
    public void FirstMatchingRule_Wins_SoOperationRulesGoBeforeTheServiceRule()
    {
        var rules = new[] { new RateLimitRule("kms", 100, 100, "ListKeys"), new RateLimitRule("kms", 1000, 1000, PerOperation: true) };

        Assert.Equal(100, RateLimiter.Find(rules, "1", "kms", "ListKeys", "us-east-1")!.Value.Rule.Burst);
        Assert.Equal(1000, RateLimiter.Find(rules, "1", "kms", "DescribeKey", "us-east-1")!.Value.Rule.Burst);
        Assert.Null(RateLimiter.Find(rules, "1", "iam", "ListRoles", "global"));
    }

    [Fact]
    public void AwsDefaults_LimitEveryServiceTheFakeServes()
    {
        var unlimited = ServiceInfo.All.Keys.Where(s => !AwsRateLimits.Defaults.Any(r => r.Service == s)).ToArray();
        Assert.Empty(unlimited);
        Assert.Equal(100, RateLimiter.Find(AwsRateLimits.Defaults, "1", "ec2", "DescribeInstances", "us-east-1")!.Value.Rule.Burst);
    }

    [Fact]
    public async Task OverTheLimit_Ec2AnswersRequestLimitExceeded_AndOtherOperationsStillWork()
    {
        var faults = new ScenarioFaults { RateLimits = [new RateLimitRule("ec2", PerSecond: 0.001, Burst: 2, PerOperation: true)] };
        await using var server = await FakeAwsServer.StartAsync(Demo with { Faults = faults });
        using var ec2 = Clients.Ec2(server, ProdKey, "us-east-1");

        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));
        Assert.Equal("RequestLimitExceeded", error.ErrorCode);
        Assert.NotNull(await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest()));

        Assert.Equal(3, server.Calls.Count("ec2", "DescribeVpcs"));
        Assert.Equal(1, server.State.Throttled.Count("ec2", "DescribeVpcs"));
    }

    [Fact]
    public async Task OverTheLimit_S3AnswersSlowDown()
    {
        var faults = new ScenarioFaults { RateLimits = [new RateLimitRule("s3", PerSecond: 0.001, Burst: 1)] };
        await using var server = await FakeAwsServer.StartAsync(Demo with { Faults = faults });
        using var s3 = Clients.S3(server, ProdKey);

        await s3.ListBucketsAsync(new ListBucketsRequest());
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));
        Assert.Equal("SlowDown", error.ErrorCode);
    }

    [Fact]
    public void RateLimits_SurviveTheScenarioFile()
    {
        var scenario = Demo with { Faults = new ScenarioFaults { RateLimits = AwsRateLimits.Defaults } };
        Assert.Equal(AwsRateLimits.Defaults, Scenario.Parse(scenario.ToJson()).Faults.RateLimits);
    }
}
