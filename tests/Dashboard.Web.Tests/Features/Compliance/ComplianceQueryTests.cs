using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Features.Compliance;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Features.Compliance.ComplianceApp;

namespace Dashboard.Web.Tests.Features.Compliance;

/// <summary>Compliance is computed from each account's latest complete scan, read from the real SQLite schema.</summary>
public class ComplianceQueryTests(ComplianceApp app) : IClassFixture<ComplianceApp>
{
    private ComplianceQuery Query => app.Factory.Services.GetRequiredService<ComplianceQuery>();

    private static Framework Cis5 => FrameworkCatalog.Default.Find("cis-aws-5.0.0")!;

    private static Framework Checklist => FrameworkCatalog.Default.Find("aws-security-checklist")!;

    private static Requirement RequirementOf(Framework framework, string id) => framework.Requirements.Single(r => r.Id == id);

    [Fact]
    public async Task Snapshot_UsesOnlyTheLatestCompleteScanOfEachAccount()
    {
        var snapshot = await Query.GetSnapshotAsync(default);

        var alpha = snapshot.Accounts.Single(a => a.AccountId == app.Alpha);
        Assert.Equal(app.AlphaLatestRun, alpha.ScanRunId);
        Assert.Equal(new CheckOutcome(RootMfa, 1, 0, 0, 0, 0), alpha.Outcomes[RootMfa]);
        Assert.Equal(new CheckOutcome(BucketEncryption, 1, 1, 0, 0, 0), alpha.Outcomes[BucketEncryption]);
        Assert.Equal(new CheckOutcome(Imdsv2, 0, 0, 0, 0, 1), alpha.Outcomes[Imdsv2]);
        Assert.Equal(3, alpha.Outcomes.Count);

        var bravo = snapshot.Accounts.Single(a => a.AccountId == app.Bravo);
        Assert.Equal(new CheckOutcome(RootMfa, 0, 1, 0, 0, 0), bravo.Outcomes[RootMfa]);
        Assert.Equal(new CheckOutcome(BucketEncryption, 1, 0, 0, 0, 0), bravo.Outcomes[BucketEncryption]);

        var charlie = snapshot.Accounts.Single(a => a.AccountId == app.Charlie);
        Assert.Empty(charlie.Outcomes);
        Assert.Equal(0, charlie.ScanRunId);
        Assert.True(snapshot.HasResults);
    }

    [Fact]
    public async Task Snapshot_AllAccounts_AddsTheAccountsTogether()
    {
        var outcomes = (await Query.GetSnapshotAsync(default)).OutcomesFor(null);

        Assert.Equal(new CheckOutcome(RootMfa, 1, 1, 0, 0, 0), outcomes[RootMfa]);
        Assert.Equal(new CheckOutcome(BucketEncryption, 2, 1, 0, 0, 0), outcomes[BucketEncryption]);
        Assert.Equal(new CheckOutcome(Imdsv2, 0, 0, 0, 0, 1), outcomes[Imdsv2]);
    }

    [Fact]
    public async Task Compliance_PerAccountAndOverall_FollowsTheRules()
    {
        var snapshot = await Query.GetSnapshotAsync(default);

        // CIS v5 1.4 (root MFA): passes in Alpha, fails in Bravo, so fails overall.
        Assert.Equal(ResultStatus.Pass, ComplianceRules.RequirementStatus(RequirementOf(Cis5, "1.4"), snapshot.OutcomesFor(app.Alpha)));
        Assert.Equal(ResultStatus.Fail, ComplianceRules.RequirementStatus(RequirementOf(Cis5, "1.4"), snapshot.OutcomesFor(app.Bravo)));
        Assert.Equal(ResultStatus.Fail, ComplianceRules.RequirementStatus(RequirementOf(Cis5, "1.4"), snapshot.OutcomesFor(null)));
        // 5.7 (IMDSv2) could not be evaluated in Alpha: Error, never Pass.
        Assert.Equal(ResultStatus.Error, ComplianceRules.RequirementStatus(RequirementOf(Cis5, "5.7"), snapshot.OutcomesFor(app.Alpha)));
        // Checklist X3: one unencrypted bucket in Alpha fails it there; Bravo's bucket passes.
        Assert.Equal(ResultStatus.Fail, ComplianceRules.RequirementStatus(RequirementOf(Checklist, "X3"), snapshot.OutcomesFor(app.Alpha)));
        Assert.Equal(ResultStatus.Pass, ComplianceRules.RequirementStatus(RequirementOf(Checklist, "X3"), snapshot.OutcomesFor(app.Bravo)));

        var alphaCis = ComplianceRules.Score(Cis5, snapshot.OutcomesFor(app.Alpha));
        Assert.Equal((1, 0, 1), (alphaCis.Passed, alphaCis.Failed, alphaCis.Error));
        Assert.Equal(100.0, alphaCis.Percent);
        var allCis = ComplianceRules.Score(Cis5, snapshot.OutcomesFor(null));
        Assert.Equal((0, 1), (allCis.Passed, allCis.Failed));
        Assert.Equal(0.0, allCis.Percent);
        // Per section: Alpha's only decided CIS requirement is in section 1; section 2 has nothing decided.
        Assert.Equal(100.0, ComplianceRules.Score(Cis5, snapshot.OutcomesFor(app.Alpha), "1").Percent);
        Assert.Null(ComplianceRules.Score(Cis5, snapshot.OutcomesFor(app.Alpha), "2").Percent);
    }

    [Fact]
    public async Task Snapshot_UnknownAccount_HasNoOutcomes() =>
        Assert.Empty((await Query.GetSnapshotAsync(default)).OutcomesFor(-1));

    [Fact]
    public async Task Resources_ListOnlyResourcesNeedingAttentionInTheLatestCompleteScans()
    {
        var encryption = await Query.GetResourcesAsync(BucketEncryption, null, default);
        var root = await Query.GetResourcesAsync(RootMfa, null, default);
        var alphaRoot = await Query.GetResourcesAsync(RootMfa, app.Alpha, default);
        var alphaInstances = await Query.GetResourcesAsync(Imdsv2, app.Alpha, default);

        var logs = Assert.Single(encryption);
        Assert.Equal((app.AlphaLogsFinding, "alpha-logs", "Alpha", ResultStatus.Fail), (logs.FindingId, logs.ResourceId, logs.AccountName, logs.Status));
        Assert.Equal($"Fail in run {app.AlphaLatestRun}", logs.Reason);
        Assert.Equal(app.BravoRootFinding, Assert.Single(root).FindingId);
        Assert.Empty(alphaRoot);
        Assert.Equal(ResultStatus.Error, Assert.Single(alphaInstances).Status);
    }
}
