using Bunit;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Features.Findings;

/// <summary>
/// What the explorer does to stay fast at a million findings (docs/decisions/016), proved on small data: the text
/// index follows what scans write, counts stop at a cap while every finding stays reachable page by page, and SQLite's
/// statistics are refreshed when the table has grown.
/// </summary>
public sealed class ExplorerAtScaleTests
{
    private static FindingsQuery Query(LifecycleHarness h, int cap) =>
        new(h.Get<IDbContextFactory<AppDbContext>>(), h.Get<FrameworkCatalog>()) { CountCap = cap };

    private static async Task<List<FindingRow>> SearchAsync(LifecycleHarness h, string text)
    {
        var result = await h.Get<FindingsQuery>().GetPageAsync(new FindingsPageRequest(new FindingsFilter { Text = text }, PageSize: 200), default);
        Assert.Equal(result.Rows.Count, result.TotalCount);
        return result.Rows.ToList();
    }

    private static CheckResult[] Buckets(int count, ResultStatus status = ResultStatus.Fail) =>
        Enumerable.Range(0, count).Select(i => LifecycleHarness.Result($"bucket-{i:D2}", status)).ToArray();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TextSearch_FollowsWhatScansInsertUpdateAndDelete(DatabaseProvider provider)
    {
        using var h = new LifecycleHarness(provider);
        await h.InitAsync();
        await h.ScanAsync(
            LifecycleHarness.Result("alpha-bucket", ResultStatus.Fail),
            LifecycleHarness.Result("beta-bucket", ResultStatus.Fail, region: "eu-west-1"),
            LifecycleHarness.Result("root", ResultStatus.Fail, check: "iam_root_mfa_enabled", region: "global"));

        Assert.Equal(["alpha-bucket"], (await SearchAsync(h, "ALPHA-bucket is fail")).Select(r => r.ResourceId));
        Assert.Empty(await SearchAsync(h, "alpha-bucket is pass"));
        Assert.Equal(["root"], (await SearchAsync(h, "root_mfa")).Select(r => r.ResourceId));
        Assert.Equal(["beta-bucket"], (await SearchAsync(h, "arn:aws:s3:::beta")).Select(r => r.ResourceId));
        var title = (await SearchAsync(h, "root_mfa")).Single().CheckTitle;
        Assert.Contains("root", (await SearchAsync(h, title[1..^1].ToUpperInvariant())).Select(r => r.ResourceId));

        // The next scan changes alpha's reason (an update of one searched column) and finds a new bucket (an insert).
        await h.ScanAsync(
            LifecycleHarness.Result("alpha-bucket", ResultStatus.Pass),
            LifecycleHarness.Result("beta-bucket", ResultStatus.Fail, region: "eu-west-1"),
            LifecycleHarness.Result("root", ResultStatus.Fail, check: "iam_root_mfa_enabled", region: "global"),
            LifecycleHarness.Result("gamma-new-bucket", ResultStatus.Fail));
        Assert.Empty(await SearchAsync(h, "alpha-bucket is fail"));
        Assert.Equal(["alpha-bucket"], (await SearchAsync(h, "alpha-bucket is pass")).Select(r => r.ResourceId));
        Assert.Equal(["gamma-new-bucket"], (await SearchAsync(h, "gamma-new")).Select(r => r.ResourceId));

        await using (var db = await h.Db.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Findings.Where(f => f.ResourceId == "beta-bucket").ExecuteDeleteAsync());
        }

        Assert.Empty(await SearchAsync(h, "beta-bucket"));
        Assert.Equal(["alpha-bucket", "gamma-new-bucket"], (await SearchAsync(h, "bucket")).Select(r => r.ResourceId).Order());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Counts_StopAtTheCap_YetPagingReachesEveryFinding(DatabaseProvider provider)
    {
        using var h = new LifecycleHarness(provider);
        await h.InitAsync();
        await h.ScanAsync(Buckets(30));
        var query = Query(h, cap: 10);

        var first = await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter(), PageSize: 7), default);
        Assert.Equal((10, true, "10+"), (first.TotalCount, first.TotalCapped, first.TotalText));

        var seen = new List<string>();
        for (var page = 0; ; page++)
        {
            var rows = (await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter(), FindingsSort.Resource, false, page, 7), default)).Rows;
            seen.AddRange(rows.Select(r => r.ResourceId));
            if (rows.Count < 7)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"bucket-{i:D2}"), seen);

        var exact = await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter { Statuses = [ResultStatus.Fail], Text = "bucket-2" }), default);
        Assert.Equal((10, false, "10"), (exact.TotalCount, exact.TotalCapped, exact.TotalText));
        var narrow = await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter { Region = "eu-west-1" }), default);
        Assert.Equal((0, false, "0"), (narrow.TotalCount, narrow.TotalCapped, narrow.TotalText));
    }

    /// <summary>
    /// A text search matching more than the cap takes one of two ways: up to four times the cap, the matches are
    /// collected and sorted; beyond, the page walks the sort order. Both give the same capped count and pages of matches.
    /// </summary>
    [Theory]
    [SqliteData(10)]
    [SqliteData(5)]
    [PostgresData(10)]
    [PostgresData(5)]
    public async Task TextSearch_WithMoreMatchesThanTheCap_CountsToTheCap_AndPagesThroughMatchesOnly(DatabaseProvider provider, int cap)
    {
        using var h = new LifecycleHarness(provider);
        await h.InitAsync();
        await h.ScanAsync([.. Buckets(30), LifecycleHarness.Result("root", ResultStatus.Fail, check: "iam_root_mfa_enabled", region: "global")]);
        var query = Query(h, cap);

        var seen = new List<string>();
        for (var page = 0; ; page++)
        {
            var result = await query.GetPageAsync(new FindingsPageRequest(new FindingsFilter { Text = "BUCKET-" }, FindingsSort.Resource, true, page, 4), default);
            Assert.Equal((cap, true), (result.TotalCount, result.TotalCapped));
            seen.AddRange(result.Rows.Select(r => r.ResourceId));
            if (result.Rows.Count < 4)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 30).Reverse().Select(i => $"bucket-{i:D2}"), seen);
    }

    [Fact]
    public async Task Explorer_WithACappedCount_ShowsThePlus_AndOffersNoBulkAction()
    {
        using var h = new LifecycleHarness();
        await h.InitAsync();
        await h.ScanAsync(Buckets(4));
        await using var context = new BunitContext();
        var auth = context.UseApp(h.Factory.Services);
        context.Services.AddTransient(_ => Query(h, cap: 2));
        auth.SetAuthorized(TestUsers.EmailFor(Roles.Analyst));
        auth.SetRoles(Roles.Analyst);
        auth.SetPolicies(Policies.View, Policies.Triage);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/findings");
        context.Render<MudPopoverProvider>();

        var page = context.Render<FindingsPage>();
        page.WaitForAssertion(() => Assert.Equal("2+", page.Find("[data-testid=findings-total]").TextContent.Trim()));
        Assert.Equal(4, page.FindAll("tr[data-testid=finding-row]").Count);
        Assert.Contains("More than 2 findings match", page.Find("[data-testid=bulk-too-many]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=bulk-apply-state]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=bulk-apply-assignee]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SqliteStatistics_AreTakenAboveAThousandFindings_AndRetakenWhenTheTableGrowsByAFifth()
    {
        using var h = new LifecycleHarness();
        await h.InitAsync();
        var statistics = h.Get<SqliteStatistics>();

        await h.ScanAsync(ManyBuckets(900));
        await statistics.RefreshIfStaleAsync(default);
        Assert.Null(await MeasuredFindingsAsync(h));

        await h.ScanAsync(ManyBuckets(1_200));
        await statistics.RefreshIfStaleAsync(default);
        Assert.Equal(1_200, await MeasuredFindingsAsync(h));

        await h.ScanAsync(ManyBuckets(1_300)); // a twelfth more: the statistics stand
        await statistics.RefreshIfStaleAsync(default);
        Assert.Equal(1_200, await MeasuredFindingsAsync(h));

        await h.ScanAsync(ManyBuckets(1_600));
        await statistics.RefreshIfStaleAsync(default);
        Assert.Equal(1_600, await MeasuredFindingsAsync(h));
    }

    private static CheckResult[] ManyBuckets(int count) =>
        Enumerable.Range(0, count).Select(i => LifecycleHarness.Result($"bucket-{i:D5}", i % 4 == 0 ? ResultStatus.Pass : ResultStatus.Fail)).ToArray();

    /// <summary>The rows of Findings the last ANALYZE counted (its primary key's statistics), or null without statistics.</summary>
    private static async Task<long?> MeasuredFindingsAsync(LifecycleHarness h)
    {
        await using var db = await h.Db.CreateDbContextAsync();
        var tables = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync();
        if (tables == 0)
        {
            return null;
        }

        var stats = await db.Database.SqlQuery<string>($"SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Findings'").ToListAsync();
        return stats.Count == 0 ? null : stats.Max(s => long.Parse(s.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
