using Dashboard.Core.Checks;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Findings;

/// <summary>An app with no job server and one account, where a test records complete scans day by day.</summary>
/// <param name="factory">The app, when a test needs settings of its own.</param>
public sealed class LifecycleHarness(DashboardAppFactory factory) : IDisposable
{
    public const string CheckId = "s3_bucket_default_encryption";

    /// <summary>An app without a job server on <paramref name="provider"/> (SQLite unless told).</summary>
    public LifecycleHarness(DatabaseProvider provider = DatabaseProvider.Sqlite)
        : this(new DashboardAppFactory { RunJobs = false, Provider = provider })
    {
    }

    public DashboardAppFactory Factory { get; } = factory;

    public int AccountId { get; private set; }

    public IDbContextFactory<AppDbContext> Db => Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task<LifecycleHarness> InitAsync(string awsAccountId = "111122223333")
    {
        await using var db = await Db.CreateDbContextAsync();
        var account = new CloudAccount { AwsAccountId = awsAccountId, Name = "Acme " + awsAccountId[..4], CreatedAt = Factory.Clock.Now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        AccountId = account.Id;
        return this;
    }

    public static CheckResult Result(string resource, ResultStatus status, string check = CheckId, string region = "us-east-1") =>
        new(check, status, region, resource, $"arn:aws:s3:::{resource}", $"{resource} is {status}", new Dictionary<string, string> { ["bucket"] = resource });

    /// <summary>Records one complete scan a day after the previous one; returns the run.</summary>
    public async Task<ScanRun> ScanAsync(params CheckResult[] results)
    {
        Factory.Clock.Now = Factory.Clock.Now.AddDays(1);
        long runId;
        await using (var db = await Db.CreateDbContextAsync())
        {
            var run = new ScanRun { AccountId = AccountId, State = ScanRunState.Running, Trigger = "Test", QueuedAt = Factory.Clock.Now };
            db.ScanRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        return await RecordAsync(runId, results);
    }

    /// <summary>Records <paramref name="results"/> as the complete results of run <paramref name="runId"/>.</summary>
    public Task<ScanRun> RecordAsync(long runId, params CheckResult[] results)
    {
        var inventory = new AccountInventory { AccountId = "111122223333", CollectedAt = Factory.Clock.Now };
        return Get<ScanRecorder>().RecordAsync(runId, AccountId, inventory, results, CancellationToken.None);
    }

    public async Task<Finding> FindingAsync(string resource, string check = CheckId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Findings.AsNoTracking().SingleAsync(f => f.ResourceId == resource && f.CheckId == check && f.AccountId == AccountId);
    }

    public async Task<List<(string Resource, FindingChange Change)>> DiffAsync(long runId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return (await db.ScanDiffEntries.Where(d => d.ScanRunId == runId).Select(d => new { d.Finding.ResourceId, d.Change }).ToListAsync())
            .Select(d => (d.ResourceId, d.Change)).OrderBy(d => d.ResourceId, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => Factory.Dispose();
}
