using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Core.Demo;
using Dashboard.Core.Inventory;
using Xunit.Abstractions;

namespace Dashboard.Core.Tests.Demo;

public class DemoOrganizationTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = TestInventory.Now;

    private static IReadOnlyList<AccountInventory> Demo() => DemoOrganization.Create(Now);

    private static List<(AccountInventory Inventory, IReadOnlyList<CheckResult> Results)> Evaluate() =>
        Demo().Select(i => (Inventory: i, Results: CheckCatalog.Default.EvaluateAll(new EvaluationContext(i, Now)))).ToList();

    [Fact]
    public void Create_SameNow_SerialisesToIdenticalJson()
    {
        var first = JsonSerializer.Serialize(DemoOrganization.Create(Now));
        var second = JsonSerializer.Serialize(DemoOrganization.Create(Now));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Create_DatesAreRelativeToNow()
    {
        var later = Now.AddDays(365);
        var a = DemoOrganization.Create(Now);
        var b = DemoOrganization.Create(later);

        Assert.Equal(
            a.SelectMany(i => i.Iam.CredentialReport).Select(r => Now - r.UserCreationTime),
            b.SelectMany(i => i.Iam.CredentialReport).Select(r => later - r.UserCreationTime));
        Assert.All(a, i => Assert.Equal(Now, i.CollectedAt));
    }

    [Fact]
    public void Inventory_RoundTripsThroughSystemTextJson()
    {
        var json = JsonSerializer.Serialize(Demo());
        var back = JsonSerializer.Deserialize<List<AccountInventory>>(json);

        Assert.NotNull(back);
        Assert.Equal(2, back.Count);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }

    [Fact]
    public void Accounts_HaveNamesAndMatchCreate()
    {
        var accounts = DemoOrganization.Accounts(Now);

        Assert.Equal(2, accounts.Count);
        Assert.Equal(accounts.Select(a => a.AccountId), Demo().Select(i => i.AccountId));
        Assert.Equal(accounts.Select(a => a.AccountId).Order(), DemoOrganization.AccountNames.Keys.Order());
        Assert.All(accounts, a =>
        {
            Assert.Matches("^[0-9]{12}$", a.AccountId);
            Assert.Equal(a.AccountId, a.Inventory.AccountId);
            Assert.Equal(DemoOrganization.AccountNames[a.AccountId], a.Name);
            Assert.False(string.IsNullOrWhiteSpace(a.Environment));
            Assert.False(string.IsNullOrWhiteSpace(a.Inventory.AccountAlias));
        });
    }

    [Fact]
    public void EveryCheck_HasAtLeastOnePassAndOneFail_OrAManualResultForManualReviewChecks()
    {
        var results = Evaluate().SelectMany(e => e.Results).ToList();
        var missing = new List<string>();
        foreach (var check in CheckCatalog.Default.All)
        {
            var mine = results.Where(r => r.CheckId == check.Id).ToList();
            var counts = string.Join(", ", Enum.GetValues<ResultStatus>().Select(s => $"{s}={mine.Count(r => r.Status == s)}"));
            output.WriteLine($"{check.Id}: {counts}");
            // A check that hands undecidable cases to a reviewer must show that in the demo; the others show both verdicts.
            var complete = check.Metadata.ManualReview
                ? mine.Any(r => r.Status == ResultStatus.Manual)
                : mine.Any(r => r.Status == ResultStatus.Pass) && mine.Any(r => r.Status == ResultStatus.Fail);
            if (!complete)
            {
                missing.Add($"{check.Id} ({counts})");
            }
        }

        Assert.NotEmpty(CheckCatalog.Default.All);
        Assert.True(missing.Count == 0, "demo data lacks a Pass or a Fail for: " + string.Join("; ", missing));
    }

    [Fact]
    public void OnlyManualReviewChecks_ReturnManual()
    {
        var manual = Evaluate().SelectMany(e => e.Results).Where(r => r.Status == ResultStatus.Manual).Select(r => r.CheckId).Distinct();

        Assert.All(manual, id => Assert.True(CheckCatalog.Default.Find(id)!.Metadata.ManualReview, $"{id} returns Manual but is not marked ManualReview"));
    }

    [Fact]
    public void AccessDenied_SurfacesAsErrorAndNeverAsPass()
    {
        var evaluated = Evaluate();
        var all = evaluated.SelectMany(e => e.Results).ToList();
        Assert.Contains(all, r => r.Status == ResultStatus.Error && r.Reason.Contains("access denied", StringComparison.OrdinalIgnoreCase));

        var denied = evaluated.SelectMany(e => e.Inventory.Errors.Where(x => x.IsAccessDenied).Select(x => (e.Inventory, e.Results, Error: x))).ToList();
        Assert.Contains(denied, d => d.Error is { Service: "ec2", Operation: "DescribeInstances" });
        Assert.Contains(denied, d => d.Error is { Service: "s3", Operation: "GetBucketEncryption", ResourceId: not null });

        foreach (var (inventory, results, error) in denied)
        {
            var affected = results.Where(r => IsAbout(r, error)).ToList();
            Assert.True(affected.Count > 0, $"no check reports on {error.Describe()} in {inventory.AccountId}");
            Assert.Contains(affected, r => r.Status == ResultStatus.Error && r.Reason.Contains("access denied", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(affected, r => r.Status == ResultStatus.Pass);
        }
    }

    [Fact]
    public void EveryAccount_SpansSeveralRegionsAndHasAtLeastTenFailures()
    {
        foreach (var (inventory, results) in Evaluate())
        {
            Assert.True(inventory.Regions.Count >= 2, $"{inventory.AccountId} has {inventory.Regions.Count} regions");
            var failures = results.Count(r => r.Status == ResultStatus.Fail);
            Assert.True(failures >= 10, $"{inventory.AccountId} has only {failures} failures");
        }
    }

    [Fact]
    public void EveryAccount_HasAtLeastOneErrorResult()
    {
        Assert.All(Evaluate(), e => Assert.Contains(e.Results, r => r.Status == ResultStatus.Error));
    }

    [Fact]
    public void PolicyDocuments_AreValidJson()
    {
        foreach (var inventory in Demo())
        {
            var documents = inventory.Iam.Roles.Select(r => (r.Arn, r.AssumeRolePolicyDocument))
                .Concat(inventory.Iam.Roles.SelectMany(r => r.InlinePolicies.Select(p => (r.Arn + "#" + p.PolicyName, p.Document))))
                .Concat(inventory.Iam.Users.SelectMany(u => u.InlinePolicies.Select(p => (u.Arn + "#" + p.PolicyName, p.Document))))
                .Concat(inventory.Iam.Policies.Select(p => (p.Arn, p.DefaultVersionDocument)))
                .Concat(inventory.S3.Buckets.Select(bucket => (bucket.Name, bucket.Policy)))
                .Where(d => d.Item2 is not null);
            foreach (var (id, document) in documents)
            {
                using var parsed = JsonDocument.Parse(document!);
                Assert.True(parsed.RootElement.TryGetProperty("Statement", out _), $"{id} has no Statement");
            }
        }
    }

    [Fact]
    public void Inventory_IsInternallyConsistent()
    {
        foreach (var inventory in Demo())
        {
            var iam = inventory.Iam;
            Assert.Single(iam.CredentialReport, r => r.IsRoot);
            Assert.Equal(iam.Users.Select(u => u.UserName).Order(), iam.CredentialReport.Where(r => !r.IsRoot).Select(r => r.User).Order());
            Assert.All(iam.Users, u => Assert.All(u.GroupNames, g => Assert.Contains(iam.Groups, x => x.GroupName == g)));
            Assert.All(iam.Users.SelectMany(u => u.AttachedManagedPolicies)
                .Concat(iam.Roles.SelectMany(r => r.AttachedManagedPolicies))
                .Concat(iam.Groups.SelectMany(g => g.AttachedManagedPolicies)),
                a => Assert.Contains(iam.Policies, p => p.Arn == a.PolicyArn));
            Assert.Equal(iam.Users.Count, iam.AccountSummary!["Users"]);
            Assert.Equal(iam.Roles.Count, iam.AccountSummary["Roles"]);

            Assert.Equal(inventory.S3.Buckets.Count, inventory.S3.Buckets.Select(b => b.Name).Distinct().Count());
            Assert.All(inventory.S3.Buckets, b => Assert.Contains(b.Region, inventory.Regions));
            Assert.All(inventory.Ec2.SecurityGroups, g => Assert.Contains(g.Region, inventory.Regions));
            Assert.All(inventory.Ec2.Instances, i => Assert.Contains(i.Region, inventory.Regions));
            Assert.All(inventory.CloudTrail.Trails, t => Assert.Contains(t.HomeRegion, inventory.Regions));
            Assert.Equal(inventory.Ec2.SecurityGroups.Count, inventory.Ec2.SecurityGroups.Select(g => g.GroupId).Distinct().Count());
            Assert.Equal(inventory.Ec2.Instances.Count, inventory.Ec2.Instances.Select(i => i.InstanceId).Distinct().Count());
            Assert.All(inventory.Ec2.SecurityGroups, g => Assert.Matches("^sg-[0-9a-f]{17}$", g.GroupId));
            Assert.All(inventory.Ec2.Instances, i => Assert.Matches("^i-[0-9a-f]{17}$", i.InstanceId));
            Assert.All(inventory.Errors, e => Assert.True(e.Region == Regions.Global || inventory.Regions.Contains(e.Region)));

            // A region whose DescribeInstances failed has no instances: nothing is invented for it.
            foreach (var error in inventory.Errors.Where(e => e is { Service: "ec2", Operation: "DescribeInstances" }))
            {
                Assert.DoesNotContain(inventory.Ec2.Instances, i => i.Region == error.Region);
            }

            // A bucket whose encryption could not be read has no encryption value.
            foreach (var error in inventory.Errors.Where(e => e is { Service: "s3", Operation: "GetBucketEncryption" }))
            {
                Assert.Null(Assert.Single(inventory.S3.Buckets, b => b.Name == error.ResourceId).Encryption);
            }

            var dates = iam.CredentialReport.SelectMany(r => new[]
                {
                    r.UserCreationTime, r.PasswordLastUsed, r.PasswordLastChanged, r.AccessKey1LastRotated,
                    r.AccessKey1LastUsedDate, r.AccessKey2LastRotated, r.AccessKey2LastUsedDate,
                })
                .Concat(iam.Users.Select(u => u.CreateDate))
                .Concat(iam.Roles.Select(r => r.CreateDate))
                .Concat(iam.Roles.Select(r => r.LastUsedDate))
                .Concat(inventory.S3.Buckets.Select(b => b.CreationDate))
                .Concat(inventory.Ec2.Instances.Select(i => i.LaunchTime));
            Assert.All(dates, d => Assert.True(d is null || d <= Now, $"{d} is in the future"));
        }
    }

    /// <summary>Whether a result reads data that the failed call would have returned: same region, a check using that call, and the same resource when the call was about one.</summary>
    private static bool IsAbout(CheckResult result, CollectionError error)
    {
        var check = CheckCatalog.Default.Find(result.CheckId);
        if (check is null || result.Region != error.Region)
        {
            return false;
        }

        var usesCall = check.Metadata.DataSources.Any(d =>
            string.Equals(d.Service, error.Service, StringComparison.OrdinalIgnoreCase)
            && string.Equals(d.Operation, error.Operation, StringComparison.OrdinalIgnoreCase));
        return usesCall
            && (error.ResourceId is null
                || result.ResourceId == error.ResourceId
                || (result.ResourceArn?.EndsWith(":" + error.ResourceId, StringComparison.Ordinal) ?? false));
    }
}
