using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features;

public class TriageCommandsTests : IDisposable
{
    private DashboardAppFactory _factory = null!;

    private void Start(DatabaseProvider provider) => _factory = new DashboardAppFactory { Provider = provider, RunJobs = false };

    public void Dispose()
    {
        _factory?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<long> SeedFindingAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = new CloudAccount { AwsAccountId = "111122223333", Name = "A", CreatedAt = _factory.Clock.Now };
        var finding = new Finding
        {
            Account = account, CheckId = "iam_root_mfa_enabled", CheckTitle = "t", Service = "iam", Severity = Severity.Critical,
            Region = "global", ResourceId = "root", Status = ResultStatus.Fail, Reason = "r", EvidenceJson = "{}",
            FirstSeen = _factory.Clock.Now, LastSeen = _factory.Clock.Now,
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        return finding.Id;
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SetState_RecordsHistoryAndAudit(DatabaseProvider provider)
    {
        Start(provider);
        var id = await SeedFindingAsync();
        var triage = _factory.Services.GetRequiredService<TriageCommands>();

        Assert.True(await triage.SetStateAsync(id, TriageState.FalsePositive, "  test bucket  ", "ana@test.local", "u1", default));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(TriageState.FalsePositive, (await db.Findings.SingleAsync()).TriageState);
        var change = Assert.Single(await triage.HistoryAsync(id, default));
        Assert.Equal(("Open", "FalsePositive", "test bucket", "ana@test.local"), (change.From, change.To, change.Note, change.Actor));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "finding.triage-changed");
        Assert.Equal($"finding:{id}", audit.Target);
        Assert.Contains("Open", audit.Before, StringComparison.Ordinal);
        Assert.Contains("FalsePositive", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SetState_SameStateOrUnknownFindingOrUndefinedState_ChangesNothing(DatabaseProvider provider)
    {
        Start(provider);
        var id = await SeedFindingAsync();
        var triage = _factory.Services.GetRequiredService<TriageCommands>();

        Assert.False(await triage.SetStateAsync(id, TriageState.Open, null, "a", null, default));
        Assert.False(await triage.SetStateAsync(id + 1000, TriageState.Acknowledged, null, "a", null, default));
        Assert.False(await triage.SetStateAsync(id, (TriageState)42, null, "a", null, default));
        Assert.Empty(await triage.HistoryAsync(id, default));
    }
}
