using Dashboard.Aws.Tests.Support;
using Dashboard.Core.Inventory;
using FakeAws;

namespace Dashboard.Aws.Tests.Collectors;

/// <summary>collect(fake(inventory)) == inventory, service by service, for every account of the demo organisation.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<int> AccountIndexes => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(AccountIndexes))]
    public async Task Collect_DemoAccount_ReturnsTheScenarioInventory(int index)
    {
        var scenario = FakeAccount.Demo();
        if (index >= scenario.Accounts.Count)
        {
            return;
        }

        var account = scenario.Accounts[index];
        await using var server = await FakeAwsServer.StartAsync(scenario);

        var result = await FakeAccount.CollectAsync(server, account);

        var expected = Collectible(account.Inventory);
        var actual = result.Inventory;
        // Operations the fake does not serve yet (it answers InvalidAction) are outside this test.
        var errors = string.Join("; ", actual.Errors.Select(e => e.Describe()));
        var served = FakeAwsServer.ServedOperations.Select(o => o.Operation).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(actual.Errors.Where(e => served.Contains(e.Operation)).Select(e => e.Describe()));
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Partition, actual.Partition);
        if (served.Contains("ListAccountAliases"))
        {
            Assert.Equal(expected.AccountAlias, actual.AccountAlias);
        }

        Assert.Equal(expected.Regions.Order(), actual.Regions.Order());
        Assert.Equal(expected.SkippedRegions.Select(r => r.Region).Order(), actual.SkippedRegions.Select(r => r.Region).Order());
        // A scenario policy without versions is served with one default version whose date the fake picks.
        var unversioned = account.Inventory.Iam.Policies.Where(p => p.Versions.Count == 0).Select(p => p.Arn).ToHashSet(StringComparer.Ordinal);
        var actualIam = actual.Iam with
        {
            Policies = actual.Iam.Policies.Select(p => unversioned.Contains(p.Arn) ? p with { Versions = p.Versions.Select(v => v with { CreateDate = null }).ToList() } : p).ToList(),
        };
        Assert.Equal(FakeAccount.Canonical(expected.Iam), FakeAccount.Canonical(actualIam));
        Assert.Equal(FakeAccount.Canonical(expected.S3), FakeAccount.Canonical(actual.S3));
        // The scenario lists account-level EC2 settings only for some regions; the fake answers the rest with the
        // AWS defaults (off / no preference), which is what a complete collection must then report.
        Assert.All(actual.Ec2.EbsEncryptionByDefault.Where(e => !expected.Ec2.EbsEncryptionByDefault.ContainsKey(e.Key)), e => Assert.False(e.Value));
        Assert.All(actual.Ec2.InstanceMetadataDefaultHttpTokens.Where(e => !expected.Ec2.InstanceMetadataDefaultHttpTokens.ContainsKey(e.Key)), e => Assert.Null(e.Value));
        var actualEc2 = actual.Ec2 with
        {
            EbsEncryptionByDefault = actual.Ec2.EbsEncryptionByDefault.Where(e => expected.Ec2.EbsEncryptionByDefault.ContainsKey(e.Key)).ToDictionary(),
            InstanceMetadataDefaultHttpTokens = actual.Ec2.InstanceMetadataDefaultHttpTokens.Where(e => expected.Ec2.InstanceMetadataDefaultHttpTokens.ContainsKey(e.Key)).ToDictionary(),
        };
        Assert.Equal(FakeAccount.Canonical(expected.Ec2), FakeAccount.Canonical(actualEc2));
        Assert.Equal(FakeAccount.Canonical(expected.CloudTrail), FakeAccount.Canonical(actual.CloudTrail));
        Assert.Equal(FakeAccount.Canonical(expected.Account), FakeAccount.Canonical(actual.Account));
        // A member account sees only the organization itself.
        var expectedOrganization = expected.Organization switch
        {
            null => null,
            // A scenario policy without content is served as "{}" (AWS always returns a document).
            { StructureVisible: true } o => o with
            {
                ResourcePolicy = served.Contains("DescribeResourcePolicy") ? o.ResourcePolicy : null,
                Policies = o.Policies.Select(p => p with { Content = p.Content ?? "{}" }).ToList(),
            },
            var o => new OrganizationData { Id = o.Id, MasterAccountId = o.MasterAccountId, FeatureSet = o.FeatureSet, EnabledIamFeatures = o.EnabledIamFeatures },
        };
        Assert.Equal(FakeAccount.Canonical(expectedOrganization), FakeAccount.Canonical(actual.Organization));
        Assert.Equal(FakeAccount.Canonical(expected.AccessAnalyzer), FakeAccount.CanonicalLike(expected.AccessAnalyzer, actual.AccessAnalyzer));
        Assert.Equal(FakeAccount.Canonical(expected.Config), FakeAccount.CanonicalLike(expected.Config, actual.Config));
        Assert.Equal(FakeAccount.Canonical(expected.Monitoring), FakeAccount.CanonicalLike(expected.Monitoring, actual.Monitoring));
        Assert.Equal(FakeAccount.Canonical(expected.GuardDuty), FakeAccount.CanonicalLike(expected.GuardDuty, actual.GuardDuty));
        Assert.Equal(FakeAccount.Canonical(expected.SecurityHub), FakeAccount.CanonicalLike(expected.SecurityHub, actual.SecurityHub));
        // A scenario key without a policy is served with the AWS default key policy.
        var withoutPolicy = expected.Kms.Keys.Where(k => k.Policy is null).Select(k => k.Arn).ToHashSet(StringComparer.Ordinal);
        var actualKms = actual.Kms with { Keys = actual.Kms.Keys.Select(k => withoutPolicy.Contains(k.Arn) ? k with { Policy = null } : k).ToList() };
        Assert.Equal(FakeAccount.Canonical(expected.Kms), FakeAccount.Canonical(actualKms));
        Assert.Equal(FakeAccount.Canonical(expected.Rds), FakeAccount.Canonical(actual.Rds));
        Assert.Equal(FakeAccount.Canonical(expected.Efs), FakeAccount.Canonical(actual.Efs));
        Assert.Equal(FakeAccount.Canonical(expected.SecretsManager), FakeAccount.Canonical(actual.SecretsManager));
        Assert.Equal(FakeAccount.Canonical(expected.Lambda), FakeAccount.Canonical(actual.Lambda));
        Assert.Equal(FakeAccount.Canonical(expected.Macie), FakeAccount.CanonicalLike(expected.Macie, actual.Macie));
        Assert.True(result.TotalCalls > 0);
    }

    /// <summary>
    /// What AWS can actually return: the credential report says "not_supported" for the root user's
    /// password_last_changed, so no collector can know it.
    /// </summary>
    internal static AccountInventory Collectible(AccountInventory inventory) => inventory with
    {
        Iam = inventory.Iam with
        {
            // GetAccountAuthorizationDetails lists, for each role, the instance profiles that hold it.
            Roles = inventory.Iam.Roles.Select(r => r with
            {
                InstanceProfileNames = r.InstanceProfileNames
                    .Union(inventory.Iam.InstanceProfiles.Where(p => p.RoleNames.Contains(r.RoleName)).Select(p => p.InstanceProfileName))
                    .ToList(),
            }).ToList(),
            CredentialReport = inventory.Iam.CredentialReport.Select(r => r.IsRoot ? r with { PasswordLastChanged = null } : r).ToList(),
            Policies = inventory.Iam.Policies.Select(p => p.Versions.Count > 0 ? p
                : p with { Versions = [new IamPolicyVersion(p.DefaultVersionId, true, p.DefaultVersionDocument, null)] }).ToList(),
        },
    };
}
