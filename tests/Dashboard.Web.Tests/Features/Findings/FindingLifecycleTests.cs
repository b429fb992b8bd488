using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Findings.Lifecycle;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Web.Tests.Features.Findings.LifecycleHarness;

namespace Dashboard.Web.Tests.Features.Findings;

/// <summary>Every lifecycle transition, through the real recorder and database, on each provider.</summary>
public sealed class FindingLifecycleTests : IDisposable
{
    private LifecycleHarness _h = null!;

    private async Task StartAsync(DatabaseProvider provider) => _h = await new LifecycleHarness(provider).InitAsync();

    public void Dispose() => _h?.Dispose();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FirstFailure_IsNew_OpenWithSlaDueDate(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var run = await _h.ScanAsync(Result("a", ResultStatus.Fail), Result("b", ResultStatus.Pass));

        var a = await _h.FindingAsync("a");
        Assert.Equal(FindingLifecycle.Open, a.Lifecycle);
        Assert.Equal(_h.Factory.Clock.Now, a.OpenedAt);
        Assert.Equal(_h.Factory.Clock.Now.AddDays(new FindingsOptions().MediumSlaDays), a.DueAt); // the check is Medium in the catalog
        Assert.Equal(FindingLifecycle.None, (await _h.FindingAsync("b")).Lifecycle);
        Assert.Equal([("a", FindingChange.New)], await _h.DiffAsync(run.Id));
        Assert.Equal((1, 0, 0, 0), (run.NewCount, run.ResolvedCount, run.RegressedCount, run.UnchangedCount));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task StillFailing_IsUnchanged_KeepsFirstSeenAndOpenedAt(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail));
        var firstSeen = _h.Factory.Clock.Now;
        var run = await _h.ScanAsync(Result("a", ResultStatus.Fail));

        var a = await _h.FindingAsync("a");
        Assert.Equal((firstSeen, firstSeen, _h.Factory.Clock.Now), (a.FirstSeen, a.OpenedAt!.Value, a.LastSeen));
        Assert.Empty(await _h.DiffAsync(run.Id));
        Assert.Equal((0, 0, 0, 1), (run.NewCount, run.ResolvedCount, run.RegressedCount, run.UnchangedCount));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task StillFailing_WithNewReasonAndEvidence_StoresTheLatest_AndKeepsTriage(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail), Result("b", ResultStatus.Fail));
        var id = (await _h.FindingAsync("a")).Id;
        await _h.Get<TriageCommands>().SetStateAsync(id, TriageState.Acknowledged, null, "ana", null, default);
        var changed = Result("a", ResultStatus.Fail) with
        {
            ResourceArn = "arn:aws:s3:::a-renamed", Reason = "a is still unencrypted", Evidence = new Dictionary<string, string> { ["bucket"] = "a", ["sse"] = "none" },
        };
        var run = await _h.ScanAsync(changed, Result("b", ResultStatus.Fail));

        var a = await _h.FindingAsync("a");
        Assert.Equal(("arn:aws:s3:::a-renamed", "a is still unencrypted", """{"bucket":"a","sse":"none"}"""), (a.ResourceArn, a.Reason, a.EvidenceJson));
        Assert.Equal((FindingLifecycle.Open, TriageState.Acknowledged, run.Id), (a.Lifecycle, a.TriageState, a.LastScanRunId));
        Assert.Equal(run.Id, (await _h.FindingAsync("b")).LastScanRunId);
        Assert.Empty(await _h.DiffAsync(run.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Evidence_IsStoredAsTheJsonOfItsDictionary_EscapedAsTheSerializerDoes(DatabaseProvider provider)
    {
        await StartAsync(provider);
        IReadOnlyDictionary<string, string> evidence = new Dictionary<string, string>
        {
            ["policy"] = """{"Effect":"Allow","Principal":"*"}""", ["markup"] = "<b>&'\\", ["text"] = "café – ✓ \n", ["empty"] = "",
        };
        var run = await _h.ScanAsync(Result("a", ResultStatus.Fail) with { Evidence = evidence }, Result("b", ResultStatus.Pass) with { Evidence = new Dictionary<string, string>() });

        var expected = JsonSerializer.Serialize(evidence);
        Assert.Equal(expected, (await _h.FindingAsync("a")).EvidenceJson);
        Assert.Equal("{}", (await _h.FindingAsync("b")).EvidenceJson);
        await using var db = await _h.Db.CreateDbContextAsync();
        Assert.Equal(expected, await db.ScanResults.Where(r => r.ScanRunId == run.Id && r.Finding.ResourceId == "a").Select(r => r.EvidenceJson).SingleAsync());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task RecordingTheSameRunTwice_ChangesNothingTheSecondTime(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var run = await _h.ScanAsync(Result("a", ResultStatus.Fail), Result("b", ResultStatus.Pass));

        var again = await _h.RecordAsync(run.Id, Result("a", ResultStatus.Pass), Result("c", ResultStatus.Fail));

        Assert.Equal((ScanRunState.Completed, 1, 1), (again.State, again.FailCount, again.PassCount));
        Assert.Equal(FindingLifecycle.Open, (await _h.FindingAsync("a")).Lifecycle);
        await using var db = await _h.Db.CreateDbContextAsync();
        Assert.Equal(2, await db.Findings.CountAsync());
        Assert.Equal(2, await db.ScanResults.CountAsync(r => r.ScanRunId == run.Id));
        Assert.Equal([("a", FindingChange.New)], await _h.DiffAsync(run.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Pass_ResolvesOpenFinding_AndTriageFollows(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail));
        var id = (await _h.FindingAsync("a")).Id;
        await _h.Get<TriageCommands>().SetStateAsync(id, TriageState.InProgress, null, "ana", null, default);
        var run = await _h.ScanAsync(Result("a", ResultStatus.Pass));

        var a = await _h.FindingAsync("a");
        Assert.Equal((FindingLifecycle.Resolved, TriageState.Resolved), (a.Lifecycle, a.TriageState));
        Assert.Equal(_h.Factory.Clock.Now, a.ResolvedAt);
        Assert.Equal([("a", FindingChange.Resolved)], await _h.DiffAsync(run.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FailAfterResolved_Regresses_ReopensWithNewDueDate(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail));
        await _h.ScanAsync(Result("a", ResultStatus.Pass));
        var run = await _h.ScanAsync(Result("a", ResultStatus.Fail));

        var a = await _h.FindingAsync("a");
        Assert.Equal((FindingLifecycle.Open, TriageState.Open, 1), (a.Lifecycle, a.TriageState, a.ReopenCount));
        Assert.Equal(_h.Factory.Clock.Now, a.OpenedAt);
        Assert.Null(a.ResolvedAt);
        Assert.Equal([("a", FindingChange.Regressed)], await _h.DiffAsync(run.Id));
        Assert.Equal(1, run.RegressedCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ErrorScan_NeitherResolvesNorReopens(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("open", ResultStatus.Fail), Result("resolved", ResultStatus.Fail));
        await _h.ScanAsync(Result("open", ResultStatus.Fail), Result("resolved", ResultStatus.Pass));
        var errorRun = await _h.ScanAsync(Result("open", ResultStatus.Error), Result("resolved", ResultStatus.Error));

        var open = await _h.FindingAsync("open");
        var resolved = await _h.FindingAsync("resolved");
        Assert.Equal((FindingLifecycle.Open, ResultStatus.Error), (open.Lifecycle, open.Status));
        Assert.Equal((FindingLifecycle.Resolved, ResultStatus.Error), (resolved.Lifecycle, resolved.Status));
        Assert.Empty(await _h.DiffAsync(errorRun.Id));
        Assert.Equal((0, 0, 0, 1), (errorRun.NewCount, errorRun.ResolvedCount, errorRun.RegressedCount, errorRun.UnchangedCount));

        // The next real verdict continues from where the finding was: still open, not "new" again.
        var next = await _h.ScanAsync(Result("open", ResultStatus.Fail), Result("resolved", ResultStatus.Pass));
        Assert.Empty(await _h.DiffAsync(next.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MissingResource_ResolvesWhenItsCheckRanCleanly_NotWhenTheCheckErred(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("gone", ResultStatus.Fail), Result("kept", ResultStatus.Fail));

        var erred = await _h.ScanAsync(Result("kept", ResultStatus.Error));
        Assert.Equal(FindingLifecycle.Open, (await _h.FindingAsync("gone")).Lifecycle);
        Assert.Empty(await _h.DiffAsync(erred.Id));

        var clean = await _h.ScanAsync(Result("kept", ResultStatus.Fail));
        Assert.Equal(FindingLifecycle.Resolved, (await _h.FindingAsync("gone")).Lifecycle);
        Assert.Equal([("gone", FindingChange.Resolved)], await _h.DiffAsync(clean.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task RiskAcceptance_NeedsDetails_AndReopensByItselfAtExpiry(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail));
        var id = (await _h.FindingAsync("a")).Id;
        var triage = _h.Get<TriageCommands>();
        var until = _h.Factory.Clock.Now.AddDays(10);

        var incomplete = await triage.ApplyAsync([id], new TriageAction { Kind = TriageActionKind.State, State = TriageState.RiskAccepted, Justification = "legacy" }, "ana", null, default);
        Assert.False(incomplete.Succeeded);
        var accepted = await triage.ApplyAsync([id], new TriageAction
        {
            Kind = TriageActionKind.State, State = TriageState.RiskAccepted, Justification = "legacy bucket", Approver = "CISO", AcceptedUntil = until,
        }, "ana", null, default);
        Assert.Equal(1, accepted.Changed);

        var job = _h.Get<FindingsMaintenanceJob>();
        _h.Factory.Clock.Now = until.AddMinutes(-1);
        await job.ExpireAsync(default);
        Assert.Equal(TriageState.RiskAccepted, (await _h.FindingAsync("a")).TriageState);

        _h.Factory.Clock.Now = until;
        await job.ExpireAsync(default);
        var a = await _h.FindingAsync("a");
        Assert.Equal(TriageState.Open, a.TriageState);
        var history = await triage.HistoryAsync(id, default);
        Assert.Contains(history, e => e.Actor == FindingsMaintenanceJob.SystemActor && e.From == "RiskAccepted" && e.To == "Open");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MuteRule_AppliesToExistingAndFutureResults_AndRemovingItUnmutes(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("logs-1", ResultStatus.Fail), Result("data-1", ResultStatus.Fail));
        var mutes = _h.Get<MuteRuleCommands>();

        var (rule, muted, error) = await mutes.CreateAsync(new MuteRuleInput(_h.AccountId, null, null, "logs-*", null, "log buckets are encrypted by policy", null), "ana", null, default);
        Assert.Null(error);
        Assert.Equal(1, muted);
        Assert.Equal(rule!.Id, (await _h.FindingAsync("logs-1")).MutedByRuleId);
        Assert.Null((await _h.FindingAsync("data-1")).MutedByRuleId);

        await _h.ScanAsync(Result("logs-1", ResultStatus.Fail), Result("logs-2", ResultStatus.Fail), Result("data-1", ResultStatus.Fail));
        Assert.Equal(rule.Id, (await _h.FindingAsync("logs-2")).MutedByRuleId);

        var query = _h.Get<FindingsQuery>();
        var page = await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter()), default);
        Assert.Equal((1, 2), (page.TotalCount, page.MutedCount));
        var mutedOnly = await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter { Muted = MutedFilter.Only }), default);
        Assert.Equal(["logs-1", "logs-2"], mutedOnly.Rows.Select(r => r.ResourceId).Order(StringComparer.Ordinal));

        Assert.True(await mutes.DeleteAsync(rule.Id, "ana", null, default));
        Assert.Null((await _h.FindingAsync("logs-1")).MutedByRuleId);
        Assert.Null((await _h.FindingAsync("logs-2")).MutedByRuleId);
        await using var db = await _h.Db.CreateDbContextAsync();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action.StartsWith("mute-rule.")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MuteRule_WithExpiry_StopsMutingWhenItExpires_AndRuleNeedsCriterionAndJustification(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail));
        var mutes = _h.Get<MuteRuleCommands>();
        Assert.NotNull((await mutes.CreateAsync(new MuteRuleInput(null, null, null, null, null, "everything", null), "ana", null, default)).Error);
        Assert.NotNull((await mutes.CreateAsync(new MuteRuleInput(null, CheckId, null, null, null, " ", null), "ana", null, default)).Error);

        var expires = _h.Factory.Clock.Now.AddDays(2);
        var (rule, _, _) = await mutes.CreateAsync(new MuteRuleInput(null, CheckId, "us-east-1", null, null, "temporary", expires), "ana", null, default);
        Assert.Equal(rule!.Id, (await _h.FindingAsync("a")).MutedByRuleId);

        _h.Factory.Clock.Now = expires;
        await _h.Get<FindingsMaintenanceJob>().ExpireAsync(default);
        Assert.Null((await _h.FindingAsync("a")).MutedByRuleId);
    }

    [Fact]
    public void MuteRule_ByTag_MatchesKeyOrKeyValue()
    {
        var finding = new Finding
        {
            AccountId = 1, CheckId = CheckId, CheckTitle = "t", Service = "s3", Region = "us-east-1", ResourceId = "r", Reason = "", EvidenceJson = "{}",
            Tags = "env=prod\nteam=data",
        };
        var now = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        MuteRule Rule(string tag) => new() { Id = 7, Tag = tag, Justification = "j", CreatedBy = "a" };
        Assert.Equal(7, new MuteMatcher([Rule("env")], now).Match(finding));
        Assert.Equal(7, new MuteMatcher([Rule("team=data")], now).Match(finding));
        Assert.Null(new MuteMatcher([Rule("env=dev")], now).Match(finding));
        Assert.Null(new MuteMatcher([Rule("owner")], now).Match(finding));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Aggregates_CountOpenMutedOverdueAndRemediationTime(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await _h.ScanAsync(Result("a", ResultStatus.Fail), Result("b", ResultStatus.Fail));
        var opened = _h.Factory.Clock.Now;
        var run = await _h.ScanAsync(Result("a", ResultStatus.Pass), Result("b", ResultStatus.Fail));

        await using var db = await _h.Db.CreateDbContextAsync();
        var medium = await db.SeverityAggregates.SingleAsync(a => a.ScanRunId == run.Id && a.Severity == Severity.Medium);
        Assert.Equal((1, 0, 1, 0), (medium.OpenCount, medium.NewCount, medium.ResolvedCount, medium.MutedOpenCount));
        Assert.Equal((_h.Factory.Clock.Now - opened).TotalSeconds, medium.RemediationSeconds);
        Assert.Equal(5, await db.SeverityAggregates.CountAsync(a => a.ScanRunId == run.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Retention_PrunesOldRawResults_KeepsFindingsAggregatesAndLatestRun(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var old = await _h.ScanAsync(Result("a", ResultStatus.Fail));
        _h.Factory.Clock.Now = _h.Factory.Clock.Now.AddDays(new FindingsOptions().RawResultRetentionDays + 5);
        var recent = await _h.ScanAsync(Result("a", ResultStatus.Pass));

        await _h.Get<FindingsMaintenanceJob>().PruneAsync(default);

        await using var db = await _h.Db.CreateDbContextAsync();
        Assert.Equal(0, await db.ScanResults.CountAsync(r => r.ScanRunId == old.Id));
        Assert.Equal(0, await db.ScanDiffEntries.CountAsync(r => r.ScanRunId == old.Id));
        Assert.Equal(1, await db.ScanResults.CountAsync(r => r.ScanRunId == recent.Id));
        Assert.Equal(5, await db.SeverityAggregates.CountAsync(a => a.ScanRunId == old.Id));
        Assert.Equal(FindingLifecycle.Resolved, (await _h.FindingAsync("a")).Lifecycle);
    }
}
