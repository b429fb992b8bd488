using Dashboard.Web.Data;
using Dashboard.Web.Features.Admin;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>Filtering and paging of the audit log in SQL, over entries seeded with a known shape.</summary>
public class AuditQueryTests : IClassFixture<AuditQueryTests.SeededLogs>
{
    private readonly SeededLogs _logs;
    private SeededLog _log = null!;

    public AuditQueryTests(SeededLogs logs) => _logs = logs;

    private async Task StartAsync(DatabaseProvider provider) => _log = await _logs.For(provider);

    private AuditQuery Query => _log.Factory.Services.GetRequiredService<AuditQuery>();

    /// <summary>Every test filters on the seed's target prefix, so entries the app writes itself do not matter.</summary>
    private static AuditFilter Seeded => new() { Target = SeededLog.TargetPrefix };

    private Task<AuditResult> PageAsync(AuditFilter filter, int page = 0, int size = 200) =>
        Query.GetPageAsync(new AuditPageRequest(filter, page, size), default);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Paging_NewestFirst_DisjointPagesCoverEveryEntry(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var seen = new List<AuditRow>();
        var first = await PageAsync(Seeded, size: 7);
        Assert.Equal(SeededLog.Count, first.TotalCount);
        for (var page = 0; page * 7 < first.TotalCount; page++)
        {
            seen.AddRange((await PageAsync(Seeded, page, 7)).Rows);
        }

        Assert.Equal(SeededLog.Count, seen.Count);
        Assert.Equal(seen.Count, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), seen.Select(r => r.Id));
        Assert.Equal(SeededLog.Start.AddMinutes((SeededLog.Count - 1) * 60), seen[0].At);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Paging_PastTheEndAndOversized(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var past = await PageAsync(Seeded, page: 50, size: 25);
        Assert.Empty(past.Rows);
        Assert.Equal(SeededLog.Count, past.TotalCount);
        Assert.Equal(SeededLog.Count, (await PageAsync(Seeded, size: 100_000)).Rows.Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_ActionIsExact(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var rows = (await PageAsync(Seeded with { Action = "auth.sign-in" })).Rows;
        Assert.Equal(SeededLog.Expected(e => e.Action == "auth.sign-in"), rows.Count);
        Assert.All(rows, r => Assert.Equal("auth.sign-in", r.Action));
        Assert.Empty((await PageAsync(Seeded with { Action = "auth.sign" })).Rows);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_ActorAndTargetAreCaseInsensitiveSubstrings(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var rows = (await PageAsync(Seeded with { Actor = "ALICE" })).Rows;
        Assert.Equal(SeededLog.Expected(e => e.Actor.Contains("alice", StringComparison.Ordinal)), rows.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("alice", r.Actor, StringComparison.Ordinal));

        var byTarget = (await PageAsync(new AuditFilter { Target = "seed-target:7" })).Rows;
        Assert.Equal(["seed-target:7"], byTarget.Select(r => r.Target));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_Succeeded(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var failed = (await PageAsync(Seeded with { Succeeded = false })).Rows;
        Assert.Equal(SeededLog.Expected(e => !e.Succeeded), failed.Count);
        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.False(r.Succeeded));
        Assert.Equal(SeededLog.Count - failed.Count, (await PageAsync(Seeded with { Succeeded = true })).TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_DateRangeIncludesBothDays(DatabaseProvider provider)
    {
        await StartAsync(provider);
        // Entries are an hour apart from 2026-10-01 22:00 UTC: the 2nd of October holds hours 2..25.
        var day = DateOnly.FromDateTime(SeededLog.Start.UtcDateTime).AddDays(1);
        var rows = (await PageAsync(Seeded with { From = day, To = day })).Rows;
        Assert.Equal(24, rows.Count);
        Assert.All(rows, r => Assert.Equal(day, DateOnly.FromDateTime(r.At.UtcDateTime)));

        Assert.Equal(2, (await PageAsync(Seeded with { To = day.AddDays(-1) })).TotalCount);
        Assert.Equal(SeededLog.Count - 26, (await PageAsync(Seeded with { From = day.AddDays(1) })).TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_TextSearchesDetailsBeforeAndAfter(DatabaseProvider provider)
    {
        await StartAsync(provider);
        Assert.Equal(SeededLog.Expected(e => e.Details?.Contains("needle", StringComparison.Ordinal) == true), (await PageAsync(Seeded with { Text = "NEEDLE" })).TotalCount);
        Assert.Equal(SeededLog.Expected(e => e.Before?.Contains("Viewer", StringComparison.Ordinal) == true || e.After?.Contains("Viewer", StringComparison.Ordinal) == true),
            (await PageAsync(Seeded with { Text = "viewer" })).TotalCount);
        Assert.Equal(1, (await PageAsync(Seeded with { Text = "<script>" })).TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filter_LikeWildcardsAreLiteral(DatabaseProvider provider)
    {
        await StartAsync(provider);
        Assert.Equal(1, (await PageAsync(Seeded with { Text = "100%" })).TotalCount);
        Assert.Equal(0, (await PageAsync(Seeded with { Text = "n_edle" })).TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Filters_Combine(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var filter = Seeded with { Action = "auth.sign-in-failed", Actor = "bob", Succeeded = false };
        Assert.Equal(SeededLog.Expected(e => e.Action == "auth.sign-in-failed" && e.Actor.Contains("bob", StringComparison.Ordinal)), (await PageAsync(filter)).TotalCount);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Actions_AreDistinctAndSorted(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var actions = await Query.GetActionsAsync(default);
        Assert.Equal(actions.Order(StringComparer.Ordinal), actions);
        Assert.Equal(actions.Count, actions.Distinct().Count());
        Assert.Contains("auth.sign-in-failed", actions);
        Assert.Contains("user.roles-changed", actions);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Stream_StopsAtTheSnapshotId(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var lastId = await Query.GetLastIdAsync(default);
        var streamed = new List<AuditRow>();
        await foreach (var row in Query.StreamAsync(Seeded, lastId - 5, default))
        {
            streamed.Add(row);
        }

        Assert.Equal(await Query.CountAsync(Seeded, lastId - 5, default), streamed.Count);
        Assert.All(streamed, r => Assert.True(r.Id <= lastId - 5));
    }

    public sealed class SeededLogs : PerProvider<SeededLog>
    {
        protected override async Task<SeededLog> CreateAsync(DatabaseProvider provider)
        {
            var log = new SeededLog(provider);
            await log.SeedAsync();
            return log;
        }

        protected override void Dispose(SeededLog log) => log.Factory.Dispose();
    }

    public sealed class SeededLog(DatabaseProvider provider)
    {
        public const int Count = 60;
        public const string TargetPrefix = "seed-target:";
        public static readonly DateTimeOffset Start = new(2026, 10, 1, 22, 0, 0, TimeSpan.Zero);
        private static readonly string[] Actions = ["auth.sign-in", "auth.sign-in-failed", "user.roles-changed"];

        public DashboardAppFactory Factory { get; } = new() { Provider = provider };

        public static IReadOnlyList<AuditEvent> Events { get; } = Enumerable.Range(0, Count).Select(i => new AuditEvent
        {
            At = Start.AddHours(i),
            Action = Actions[i % 3],
            Actor = i % 2 == 0 ? "alice@example.com" : "bob@example.com",
            Target = TargetPrefix + i,
            Succeeded = i % 3 != 1,
            IpAddress = "127.0.0.1",
            Details = i switch
            {
                5 => "found the needle",
                6 => "100% sure",
                7 => AdminTestData.Script,
                _ when i % 10 == 0 => "another needle here",
                _ => "nedle",
            },
            Before = i % 3 == 2 ? """{"Roles":["Viewer"]}""" : null,
            After = i % 3 == 2 ? """{"Roles":["Analyst"]}""" : null,
        }).ToList();

        public static int Expected(Func<AuditEvent, bool> predicate) => Events.Count(predicate);

        public async Task SeedAsync() =>
            await Factory.AddAuditAsync(Events.Select(e => new AuditEvent
            {
                At = e.At, Action = e.Action, Actor = e.Actor, Target = e.Target, Succeeded = e.Succeeded, IpAddress = e.IpAddress,
                Details = e.Details, Before = e.Before, After = e.After,
            }));
    }
}

public class AuditUrlTests
{
    [Fact]
    public void Parse_Empty_IsEverythingFirstPage()
    {
        var request = AuditUrl.Parse(new Dictionary<string, string?>());
        Assert.Equal(new AuditFilter(), request.Filter);
        Assert.Equal(0, request.Page);
        Assert.Equal(AuditQuery.DefaultPageSize, request.PageSize);
        Assert.Equal("/admin/audit", AuditUrl.ToUrl(request));
    }

    [Fact]
    public void RoundTrip_KeepsEveryFilter()
    {
        var request = new AuditPageRequest(new AuditFilter
        {
            Action = "user.roles-changed",
            Actor = "alice & bob",
            Target = "user:x@y.z",
            Succeeded = false,
            From = new DateOnly(2026, 10, 1),
            To = new DateOnly(2026, 10, 31),
            Text = "a=b?c#d",
        }, Page: 2, PageSize: 100);
        var url = AuditUrl.ToUrl(request);
        Assert.StartsWith("/admin/audit?", url, StringComparison.Ordinal);
        Assert.Contains("ok=no", url, StringComparison.Ordinal);
        Assert.Contains("from=2026-10-01", url, StringComparison.Ordinal);
        Assert.Equal(request, AuditUrl.Parse(Query(url)));
    }

    [Fact]
    public void Parse_InvalidValues_AreIgnored()
    {
        var request = AuditUrl.Parse(new Dictionary<string, string?>
        {
            ["ok"] = "maybe",
            ["from"] = "01/10/2026",
            ["to"] = "2026-13-01",
            ["page"] = "-3",
            ["size"] = "100000",
            ["action"] = "  ",
        });
        Assert.Equal(new AuditFilter(), request.Filter);
        Assert.Equal(0, request.Page);
        Assert.Equal(AuditQuery.DefaultPageSize, request.PageSize);
    }

    [Fact]
    public void ExportUrls_CarryTheFilterButNotThePage()
    {
        var filter = new AuditFilter { Action = "auth.sign-in", Succeeded = true };
        Assert.Equal("/admin/audit/export.csv?action=auth.sign-in&ok=yes", AuditUrl.CsvExportUrl(filter));
        Assert.Equal("/admin/audit/export.json?action=auth.sign-in&ok=yes", AuditUrl.JsonExportUrl(filter));
        Assert.Equal("action=auth.sign-in ok=yes", AuditUrl.Describe(filter));
        Assert.Equal("(none)", AuditUrl.Describe(new AuditFilter()));
    }

    private static Dictionary<string, string?> Query(string url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
}
