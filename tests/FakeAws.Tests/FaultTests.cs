using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FakeAws.Tests;

/// <summary>Injected faults (pagination, AccessDenied, throttling) as official clients see them, and the call counter.</summary>
public sealed class FaultTests
{
    private static readonly Scenario Demo = ScenarioGenerator.Demo(ScenarioGenerator.DemoTime);
    private static ScenarioAccount Prod => Demo.Accounts[0];
    private static BasicAWSCredentials ProdKey => DemoServerFixture.Credentials(Prod);

    private static Task<FakeAwsServer> Start(ScenarioFaults faults) => FakeAwsServer.StartAsync(Demo with { Faults = faults });

    [Fact]
    public async Task PageSize_ForcesEc2Pagination_AndThePaginatorSeesEveryGroup()
    {
        await using var server = await Start(new ScenarioFaults { PageSize = 2 });
        var region = Prod.Inventory.Ec2.SecurityGroups.GroupBy(g => g.Region).OrderByDescending(g => g.Count()).First().Key;
        var expected = Prod.Inventory.Ec2.SecurityGroups.Where(g => g.Region == region).Select(g => g.GroupId).Order().ToArray();
        Assert.True(expected.Length > 2, "the demo region needs more groups than one page");

        using var ec2 = Clients.Ec2(server, ProdKey, region);
        var seen = new List<string>();
        await foreach (var group in ec2.Paginators.DescribeSecurityGroups(new DescribeSecurityGroupsRequest()).SecurityGroups)
        {
            seen.Add(group.GroupId);
        }

        Assert.Equal(expected, seen.Order());
        Assert.Equal((expected.Length + 1) / 2, server.Calls.Count("ec2", "DescribeSecurityGroups", region));
    }

    [Fact]
    public async Task PageSize_ForcesEc2DescribeInstancesPagination_AndThePaginatorSeesEveryInstance()
    {
        await using var server = await Start(new ScenarioFaults { PageSize = 1 });
        var region = Prod.Inventory.Ec2.Instances.GroupBy(i => i.Region).OrderByDescending(g => g.Count()).First().Key;
        var expected = Prod.Inventory.Ec2.Instances.Where(i => i.Region == region).Select(i => i.InstanceId).Order().ToArray();
        Assert.True(expected.Length > 1, "the demo region needs more than one instance");

        using var ec2 = Clients.Ec2(server, ProdKey, region);
        var seen = new List<string>();
        await foreach (var reservation in ec2.Paginators.DescribeInstances(new DescribeInstancesRequest()).Reservations)
        {
            seen.AddRange(reservation.Instances.Select(i => i.InstanceId));
        }

        Assert.Equal(expected, seen.Order());
        Assert.Equal(expected.Length, server.Calls.Count("ec2", "DescribeInstances", region));
    }

    [Fact]
    public async Task PageSize_ForcesS3ListBucketsContinuation()
    {
        await using var server = await Start(new ScenarioFaults { PageSize = 3 });
        using var s3 = Clients.S3(server, ProdKey);
        var first = await s3.ListBucketsAsync(new ListBucketsRequest());
        Assert.Equal(3, first.Buckets.Count);
        Assert.False(string.IsNullOrEmpty(first.ContinuationToken));
        var second = await s3.ListBucketsAsync(new ListBucketsRequest { ContinuationToken = first.ContinuationToken });
        Assert.Empty(first.Buckets.Select(b => b.BucketName).Intersect(second.Buckets.Select(b => b.BucketName)));
    }

    [Fact]
    public async Task AccessDeniedRule_DeniesOnlyTheMatchingResource()
    {
        var buckets = Prod.Inventory.S3.Buckets.Where(b => b.Region == "us-east-1" && b.Policy is not null).Take(2).ToArray();
        Assert.Equal(2, buckets.Length);
        await using var server = await Start(new ScenarioFaults { AccessDenied = [new AccessDeniedRule("s3", "GetBucketPolicy", Resource: buckets[0].Name)] });
        using var s3 = Clients.S3(server, ProdKey);

        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = buckets[0].Name }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var allowed = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = buckets[1].Name });
        Assert.Equal(buckets[1].Policy, allowed.Policy);
    }

    [Fact]
    public async Task AccessDeniedRule_ForEc2_IsUnauthorizedOperation_InThatRegionOnly()
    {
        await using var server = await Start(new ScenarioFaults { AccessDenied = [new AccessDeniedRule("ec2", "DescribeInstances", Region: "eu-west-1")] });
        using var euWest = Clients.Ec2(server, ProdKey, "eu-west-1");
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => euWest.DescribeInstancesAsync(new DescribeInstancesRequest()));
        Assert.Equal("UnauthorizedOperation", error.ErrorCode);

        using var usEast = Clients.Ec2(server, ProdKey, "us-east-1");
        Assert.NotNull(await usEast.DescribeInstancesAsync(new DescribeInstancesRequest()));
    }

    [Fact]
    public async Task Throttling_AnswersEachServicesOwnCode()
    {
        await using var server = await Start(new ScenarioFaults { ThrottleFraction = 1.0 });
        using var ec2 = Clients.Ec2(server, ProdKey, "us-east-1");
        var ec2Error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));
        Assert.Equal("RequestLimitExceeded", ec2Error.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ec2Error.StatusCode);

        using var s3 = Clients.S3(server, ProdKey);
        var s3Error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));
        Assert.Equal("SlowDown", s3Error.ErrorCode);
    }

    [Fact]
    public async Task Throttling_WithTheSameSeed_RepeatsTheSameDecisions()
    {
        var faults = new ScenarioFaults { ThrottleFraction = 0.5, Seed = 7, ThrottleServices = ["ec2"] };
        var first = await Outcomes(faults);
        var second = await Outcomes(faults);
        Assert.Equal(first, second);
        Assert.Contains(true, first);
        Assert.Contains(false, first);

        var otherSeed = await Outcomes(faults with { Seed = 8 });
        Assert.NotEqual(first, otherSeed);
    }

    private static async Task<List<bool>> Outcomes(ScenarioFaults faults)
    {
        await using var server = await Start(faults);
        using var ec2 = Clients.Ec2(server, ProdKey, "us-east-1");
        var outcomes = new List<bool>();
        for (var i = 0; i < 24; i++)
        {
            try
            {
                await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
                outcomes.Add(false);
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "RequestLimitExceeded")
            {
                outcomes.Add(true);
            }
        }

        return outcomes;
    }

    [Fact]
    public async Task Calls_AreCountedPerServiceOperationAndRegion()
    {
        await using var server = await Start(new ScenarioFaults());
        using var ec2West = Clients.Ec2(server, ProdKey, "eu-west-1");
        using var ec2East = Clients.Ec2(server, ProdKey, "us-east-1");
        await ec2West.DescribeVpcsAsync(new DescribeVpcsRequest());
        await ec2West.DescribeVpcsAsync(new DescribeVpcsRequest());
        await ec2East.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.Equal(2, server.Calls.Count("ec2", "DescribeVpcs", "eu-west-1"));
        Assert.Equal(1, server.Calls.Count("ec2", "DescribeVpcs", "us-east-1"));
        Assert.Equal(3, server.Calls.Total);
    }

    [Fact]
    public async Task UnknownAccessKey_IsRejected()
    {
        await using var server = await Start(new ScenarioFaults());
        using var ec2 = Clients.Ec2(server, new BasicAWSCredentials("AKIAUNKNOWN000000000", "x"), "us-east-1");
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));
        Assert.Equal("AuthFailure", error.ErrorCode);
        Assert.Equal(0, server.Calls.Total);
    }

    [Fact]
    public void ShippedDemoScenario_IsWhatTheGeneratorProduces()
    {
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "demo.json"));
        Assert.Equal(ScenarioGenerator.Demo(ScenarioGenerator.DemoTime).ToJson(), shipped);
        Assert.NotEmpty(Scenario.Parse(shipped).Accounts);
    }

    [Fact]
    public void LargeScenario_HasTheRequestedSizes()
    {
        var spec = new LargeAccountSpec { Users = 30, Roles = 40, Policies = 10, Buckets = 12, SecurityGroupsPerRegion = 5, InstancesPerRegion = 6, MetricFilters = 3, KeysPerRegion = 2 };
        var inventory = ScenarioGenerator.Large(spec, ScenarioGenerator.DemoTime).Accounts.Single().Inventory;
        Assert.Equal(40, inventory.Iam.Roles.Count);
        Assert.Equal(30, inventory.Iam.Users.Count);
        Assert.Equal(12, inventory.S3.Buckets.Count);
        Assert.Equal(5 * spec.Regions.Count, inventory.Ec2.SecurityGroups.Count);
        Assert.Equal(6 * spec.Regions.Count, inventory.Ec2.Instances.Count);
        Assert.Equal(2 * spec.Regions.Count, inventory.Kms.Keys.Count);
        Assert.Equal(ScenarioGenerator.Large(spec, ScenarioGenerator.DemoTime).ToJson(), ScenarioGenerator.Large(spec, ScenarioGenerator.DemoTime).ToJson());
    }

    [Fact]
    public void Issue9Preset_HasTheIssuesSizes()
    {
        var account = ScenarioGenerator.Large(LargeAccountSpec.Issue9, ScenarioGenerator.DemoTime).Accounts.Single();
        var inventory = account.Inventory;
        Assert.Equal(5000, inventory.Iam.Roles.Count);
        Assert.Equal(3000, inventory.Iam.Policies.Count(p => !p.IsAwsManaged));
        Assert.Equal(1000, inventory.Iam.Users.Count);
        Assert.Equal(1000, inventory.S3.Buckets.Count);
        Assert.Equal(6, inventory.S3.Buckets.Select(b => b.Region).Distinct().Count());
        Assert.Equal(17, account.Enabled.Count);
        var busy = inventory.Ec2.Instances.GroupBy(i => i.Region).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, busy.Count);
        Assert.All(busy.Values, n => Assert.Equal(500, n));
        Assert.All(busy.Keys, r => Assert.Equal(300, inventory.Ec2.SecurityGroups.Count(g => g.Region == r)));
        Assert.Equal(300, inventory.Monitoring.MetricFiltersByLogGroupArn.Count);
        Assert.Contains(inventory.Iam.Roles, r => r.InlinePolicies.Count == 2);
        Assert.Contains(inventory.Iam.CredentialReport, r => r.AccessKey2Active);
        Assert.NotEmpty(inventory.Iam.VirtualMfaDevices);
        Assert.NotEmpty(account.Disabled);
    }
}
