using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Compliance;

/// <summary>
/// Three accounts: Alpha with an old and a newer complete scan plus a scan still running, Bravo with one complete
/// scan, Charlie never scanned. Only the latest complete scan of each account may count.
/// </summary>
public sealed class ComplianceApp : IAsyncLifetime
{
    public const string RootMfa = "iam_root_mfa_enabled";
    public const string BucketEncryption = "s3_bucket_default_encryption";
    public const string Imdsv2 = "ec2_instance_imdsv2_required";

    public DashboardAppFactory Factory { get; } = new() { RunJobs = false };

    public int Alpha { get; private set; }
    public int Bravo { get; private set; }
    public int Charlie { get; private set; }
    public long AlphaLatestRun { get; private set; }
    public long AlphaLogsFinding { get; private set; }
    public long BravoRootFinding { get; private set; }

    public async Task InitializeAsync()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var now = Factory.Clock.Now;
        var alpha = new CloudAccount { AwsAccountId = "111111111111", Name = "Alpha", CreatedAt = now };
        var bravo = new CloudAccount { AwsAccountId = "222222222222", Name = "Bravo", CreatedAt = now };
        var charlie = new CloudAccount { AwsAccountId = "333333333333", Name = "Charlie", CreatedAt = now };
        db.Accounts.AddRange(alpha, bravo, charlie);
        var alphaOld = Run(alpha, ScanRunState.Completed, now.AddDays(-2));
        var alphaLatest = Run(alpha, ScanRunState.Completed, now.AddDays(-1));
        var alphaRunning = Run(alpha, ScanRunState.Running, null);
        var bravoRun = Run(bravo, ScanRunState.Completed, now.AddHours(-3));
        db.ScanRuns.AddRange(alphaOld, alphaLatest, alphaRunning, bravoRun);
        await db.SaveChangesAsync();

        var alphaRoot = Finding(alpha, RootMfa, "global", alpha.AwsAccountId, alphaLatest.Id);
        var alphaLogs = Finding(alpha, BucketEncryption, "eu-west-1", "alpha-logs", alphaLatest.Id);
        var alphaData = Finding(alpha, BucketEncryption, "eu-west-1", "alpha-data", alphaLatest.Id);
        var alphaInstance = Finding(alpha, Imdsv2, "eu-west-1", "i-0alpha", alphaLatest.Id);
        var bravoRoot = Finding(bravo, RootMfa, "global", bravo.AwsAccountId, bravoRun.Id);
        var bravoBucket = Finding(bravo, BucketEncryption, "us-east-1", "bravo-bucket", bravoRun.Id);
        db.Findings.AddRange(alphaRoot, alphaLogs, alphaData, alphaInstance, bravoRoot, bravoBucket);

        // The old scan failed root MFA and the bucket that passes now; the running scan has staged a failure. Neither counts.
        Result(db, alphaOld, alphaRoot, ResultStatus.Fail);
        Result(db, alphaOld, alphaData, ResultStatus.Fail);
        Result(db, alphaRunning, alphaRoot, ResultStatus.Fail);
        Result(db, alphaLatest, alphaRoot, ResultStatus.Pass);
        Result(db, alphaLatest, alphaLogs, ResultStatus.Fail);
        Result(db, alphaLatest, alphaData, ResultStatus.Pass);
        Result(db, alphaLatest, alphaInstance, ResultStatus.Error);
        Result(db, bravoRun, bravoRoot, ResultStatus.Fail);
        Result(db, bravoRun, bravoBucket, ResultStatus.Pass);
        await db.SaveChangesAsync();

        (Alpha, Bravo, Charlie) = (alpha.Id, bravo.Id, charlie.Id);
        AlphaLatestRun = alphaLatest.Id;
        AlphaLogsFinding = alphaLogs.Id;
        BravoRootFinding = bravoRoot.Id;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    private static ScanRun Run(CloudAccount account, ScanRunState state, DateTimeOffset? completedAt) => new()
    {
        Account = account,
        Trigger = "Test",
        State = state,
        QueuedAt = completedAt?.AddMinutes(-5) ?? DateTimeOffset.UnixEpoch,
        CompletedAt = completedAt,
    };

    private static Finding Finding(CloudAccount account, string checkId, string region, string resource, long lastRun) => new()
    {
        Account = account,
        CheckId = checkId,
        CheckTitle = CheckCatalog.Default.Find(checkId)!.Metadata.Title,
        Service = CheckCatalog.Default.Find(checkId)!.Metadata.Service,
        Severity = CheckCatalog.Default.Find(checkId)!.Metadata.Severity,
        Region = region,
        ResourceId = resource,
        Status = ResultStatus.Pass,
        Reason = "seeded",
        EvidenceJson = "{}",
        LastScanRunId = lastRun,
    };

    private static void Result(AppDbContext db, ScanRun run, Finding finding, ResultStatus status)
    {
        db.ScanResults.Add(new ScanResult { ScanRunId = run.Id, Finding = finding, Status = status, Reason = $"{status} in run {run.Id}", EvidenceJson = "{}" });
        if (run.State == ScanRunState.Completed && finding.LastScanRunId == run.Id)
        {
            finding.Status = status;
            finding.Reason = $"{status} in run {run.Id}";
        }
    }
}
