extern alias fakeaws;

using Amazon.Runtime;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Scanning;
using Dashboard.Web.Tests.Support;
using fakeaws::FakeAws;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Scans;

/// <summary>
/// Organizations for import tests: each test gets its own fake AWS serving one source account (the management account
/// or a member) with fresh account ids, so tests share one app per database provider without seeing each other's
/// accounts. Every fake answers to the same access key, which is the app's source identity.
/// </summary>
public static class OrganizationHarness
{
    public const string AccessKeyId = "AKIAFAKEORGIMPORT01";
    public const string Secret = "fake-secret-org-import";
    private static long _nextId = 731_000_000_000;

    public static string NewAccountId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The app, signing every AWS call with the shared test key; scans are never run.</summary>
    public static DashboardAppFactory App(DatabaseProvider provider = DatabaseProvider.Sqlite) => new()
    {
        Provider = provider,
        RunJobs = false,
        OverrideServices = services => services.AddSingleton(new AwsSourceCredentials { Credentials = new BasicAWSCredentials(AccessKeyId, Secret) }),
    };

    /// <summary>An organization of <paramref name="memberCount"/> active accounts plus one suspended, managed by <paramref name="managementId"/>.</summary>
    public static OrganizationData Organization(string managementId, int memberCount, bool structureVisible = true) => new()
    {
        Id = "o-" + managementId[^10..],
        MasterAccountId = managementId,
        StructureVisible = structureVisible,
        Accounts =
        [
            new OrganizationAccount(managementId, "Management", $"root+{managementId}@example.com", "ACTIVE", null),
            .. Enumerable.Range(1, memberCount).Select(i => NewAccountId()).Select((id, i) =>
                new OrganizationAccount(id, $"Workload {i + 1:00}", $"aws+{id}@example.com", "ACTIVE", null)),
            new OrganizationAccount(NewAccountId(), "Closed sandbox", "closed@example.com", "SUSPENDED", null),
        ],
    };

    /// <summary>A fake AWS whose only account is <paramref name="accountId"/> with <paramref name="organization"/>.</summary>
    public static Task<FakeAwsServer> StartAwsAsync(string accountId, OrganizationData? organization, ScenarioFaults? faults = null, string partition = "aws") =>
        FakeAwsServer.StartAsync(new Scenario
        {
            Accounts =
            [
                new ScenarioAccount
                {
                    AccessKeyId = AccessKeyId,
                    SecretAccessKey = Secret,
                    PrincipalArn = $"arn:{partition}:iam::{accountId}:user/dashboard",
                    Inventory = new AccountInventory
                    {
                        AccountId = accountId, Partition = partition, CollectedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
                        Regions = ["us-east-1"], Organization = organization,
                    },
                },
            ],
            Faults = faults ?? new ScenarioFaults(),
        });

    /// <summary>Adds the source account (default chain, pointed at the fake) the way the Accounts page does; returns its id.</summary>
    public static async Task<int> AddSourceAsync(this DashboardAppFactory app, string accountId, FakeAwsServer aws, string name = "Management")
    {
        var (errors, id) = await app.Services.GetRequiredService<AccountCommands>().SaveAsync(new AccountForm
        {
            AwsAccountId = accountId, Name = name, AccessMethod = AccountAccessMethod.DefaultChain, HomeRegion = "eu-west-1",
            EndpointUrl = aws.Endpoint.ToString().TrimEnd('/'),
        }, "test", null, CancellationToken.None);
        Assert.Empty(errors);
        return id!.Value;
    }

    public static async Task<List<CloudAccount>> AccountsAsync(this DashboardAppFactory app, IEnumerable<string> awsAccountIds)
    {
        var ids = awsAccountIds.ToList();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.AwsAccountId)).OrderBy(a => a.AwsAccountId).ToListAsync();
    }

    public static async Task<List<AuditEvent>> AuditForAsync(this DashboardAppFactory app, IEnumerable<string> targets)
    {
        var list = targets.ToList();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(a => a.Target != null && list.Contains(a.Target)).OrderBy(a => a.Id).ToListAsync();
    }
}
