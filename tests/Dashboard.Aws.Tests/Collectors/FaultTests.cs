using Dashboard.Aws.Collectors;
using Dashboard.Aws.Tests.Support;
using Dashboard.Core.Checks;
using Dashboard.Core.Inventory;
using FakeAws;

namespace Dashboard.Aws.Tests.Collectors;

/// <summary>Denials, throttling, disabled regions, pagination and bucket regions, against the fake AWS.</summary>
public sealed class FaultTests
{
    private static (Scenario Scenario, ScenarioAccount Account) Demo(ScenarioFaults? faults = null)
    {
        var scenario = FakeAccount.Demo();
        scenario = scenario with { Faults = faults ?? new ScenarioFaults() };
        return (scenario, scenario.Accounts[0]);
    }

    [Fact]
    public async Task AccessDenied_IsRecorded_AndTheChecksNeedingTheDataReturnError()
    {
        var (scenario, account) = Demo(new ScenarioFaults
        {
            AccessDenied = [new AccessDeniedRule("s3", "GetBucketEncryption"), new AccessDeniedRule("iam", "GetAccountPasswordPolicy")],
        });
        await using var server = await FakeAwsServer.StartAsync(scenario);

        var inventory = (await FakeAccount.CollectAsync(server, account)).Inventory;

        var bucketsRead = inventory.S3.Buckets.Where(b => inventory.Regions.Contains(b.Region)).ToList();
        Assert.NotEmpty(bucketsRead);
        var denied = inventory.Errors.Where(e => e.Operation == "GetBucketEncryption").ToList();
        Assert.Equal(bucketsRead.Select(b => b.Name).Order(), denied.Select(e => e.ResourceId!).Order());
        Assert.All(denied, e => Assert.True(e.IsAccessDenied, e.ErrorCode));
        Assert.Contains(inventory.Errors, e => e is { Service: "iam", Operation: "GetAccountPasswordPolicy" } && e.IsAccessDenied);

        var results = CheckCatalog.Default.EvaluateAll(new EvaluationContext(inventory, FakeAccount.Now));
        var encryption = results.Where(r => r.CheckId == "s3_bucket_default_encryption").ToList();
        Assert.Equal(bucketsRead.Count, encryption.Count);
        Assert.All(encryption, r => Assert.Equal(ResultStatus.Error, r.Status));
        var passwordLength = results.Where(r => r.CheckId == "iam_password_policy_minimum_length").ToList();
        Assert.NotEmpty(passwordLength);
        Assert.All(passwordLength, r => Assert.Equal(ResultStatus.Error, r.Status));
    }

    [Fact]
    public async Task Throttling30Percent_ScanCompletesWithCompleteData()
    {
        var (scenario, account) = Demo(new ScenarioFaults { ThrottleFraction = 0.3, Seed = 7 });
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var options = FakeAccount.FastOptions with { MaxAttempts = 10 };

        var throttled = (await FakeAccount.CollectAsync(server, account, options: options)).Inventory;

        var served = FakeAwsServer.ServedOperations.Select(o => o.Operation).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(throttled.Errors.Where(e => served.Contains(e.Operation)).Select(e => e.Describe()));
        await using var calm = await FakeAwsServer.StartAsync(scenario with { Faults = new ScenarioFaults() });
        var reference = (await FakeAccount.CollectAsync(calm, account)).Inventory;
        Assert.Equal(FakeAccount.Canonical(reference with { CollectedAt = default }), FakeAccount.Canonical(throttled with { CollectedAt = default }));
    }

    [Fact]
    public async Task DisabledRegion_IsSkipped_AndNeverCalled()
    {
        var (scenario, account) = Demo();
        var disabled = account.Disabled[0];
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var target = FakeAccount.Target(server) with { Regions = ["us-east-1", disabled] };

        var inventory = (await FakeAccount.CollectAsync(server, account, target)).Inventory;

        Assert.Equal(["us-east-1"], inventory.Regions);
        var skipped = Assert.Single(inventory.SkippedRegions);
        Assert.Equal(disabled, skipped.Region);
        Assert.Contains("not enabled", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Calls.Snapshot(), c => c.Key.Region == disabled);
    }

    [Fact]
    public async Task Pagination_FollowsThreeOrMorePages_AndLosesNothing()
    {
        var (scenario, account) = Demo(new ScenarioFaults { PageSize = 2 });
        await using var server = await FakeAwsServer.StartAsync(scenario);

        var inventory = (await FakeAccount.CollectAsync(server, account, collectors: [new IamCollector(), new Ec2Collector()])).Inventory;

        Assert.DoesNotContain(inventory.Errors, e => e.Service is "iam" or "ec2" && e.Operation != "ListAccountAliases");
        Assert.True(server.Calls.Count("iam", "GetAccountAuthorizationDetails") >= 3, $"{server.Calls.Count("iam", "GetAccountAuthorizationDetails")} pages");
        Assert.Equal(account.Inventory.Iam.Roles.Select(r => r.Arn).Order(), inventory.Iam.Roles.Select(r => r.Arn).Order());
        Assert.Equal(account.Inventory.Iam.Users.Select(r => r.Arn).Order(), inventory.Iam.Users.Select(r => r.Arn).Order());
        Assert.Equal(account.Inventory.Iam.Policies.Select(r => r.Arn).Order(), inventory.Iam.Policies.Select(r => r.Arn).Order());
        Assert.Equal(account.Inventory.Ec2.SecurityGroups.Select(g => g.GroupId).Order(), inventory.Ec2.SecurityGroups.Select(g => g.GroupId).Order());
    }

    [Fact]
    public async Task Buckets_AreReadInTheirOwnRegion()
    {
        var (scenario, account) = Demo();
        await using var server = await FakeAwsServer.StartAsync(scenario);

        var inventory = (await FakeAccount.CollectAsync(server, account, collectors: [new S3Collector()])).Inventory;

        var byRegion = inventory.S3.Buckets.GroupBy(b => b.Region).ToList();
        Assert.True(byRegion.Count >= 2, "the demo account has buckets in several regions");
        foreach (var region in byRegion)
        {
            Assert.Equal(region.Count(), server.Calls.Count("s3", "GetBucketEncryption", region.Key));
        }

        Assert.Equal(account.Inventory.S3.Buckets.Select(b => (b.Name, b.Region)).Order(), inventory.S3.Buckets.Select(b => (b.Name, b.Region)).Order());
    }

    [Fact]
    public async Task WrongSecret_FailsTheScanWithAClearMessage()
    {
        var (scenario, account) = Demo();
        await using var server = await FakeAwsServer.StartAsync(scenario);

        var ex = await Assert.ThrowsAsync<Dashboard.Aws.Access.AccountAccessException>(() =>
            FakeAccount.CollectAsync(server, account with { SecretAccessKey = "wrong" }));

        Assert.Contains("GetCallerIdentity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRole_WithExternalId_ScansTheAccount()
    {
        var (scenario, account) = Demo();
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var role = account.AssumableRoles[0];
        var target = FakeAccount.Target(server) with { RoleArn = role.RoleArn, ExternalId = role.ExternalId, Regions = ["us-east-1"] };

        var inventory = (await FakeAccount.CollectAsync(server, account, target, [new IamCollector()])).Inventory;

        Assert.Equal(account.AccountId, inventory.AccountId);
        Assert.Equal(1, server.Calls.Count("sts", "AssumeRole"));
        Assert.NotEmpty(inventory.Iam.Roles);
    }

    [Fact]
    public async Task AssumeRole_WithWrongExternalId_FailsTheScan()
    {
        var (scenario, account) = Demo();
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var target = FakeAccount.Target(server) with { RoleArn = account.AssumableRoles[0].RoleArn, ExternalId = "not-the-one" };

        var ex = await Assert.ThrowsAsync<Dashboard.Aws.Access.AccountAccessException>(() => FakeAccount.CollectAsync(server, account, target));

        Assert.Contains("AccessDenied", ex.Message, StringComparison.Ordinal);
    }
}
