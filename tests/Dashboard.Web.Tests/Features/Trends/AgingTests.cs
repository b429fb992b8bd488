using Dashboard.Core.Checks;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Trends;
using Dashboard.Web.Tests.Features.Findings;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Features.Trends;

/// <summary>The aging of open findings, counted by the database, with findings exactly on each bucket's edges.</summary>
public sealed class AgingTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Aging_PutsEachOpenFindingInTheBucketOfItsAgeInWholeDays(DatabaseProvider provider)
    {
        using var h = new LifecycleHarness(provider);
        await h.InitAsync();

        // Findings open on days 0, 60, 61, 83, 84 and 91, and the query runs on day 91: ages 91, 31, 30, 8, 7 and 0 days.
        var open = new List<CheckResult>();
        var day = 0;
        foreach (var (resource, scanDay) in new[] { ("a", 0), ("b", 60), ("c", 61), ("d", 83), ("e", 84), ("f", 91) })
        {
            h.Factory.Clock.Now = h.Factory.Clock.Now.AddDays(scanDay - day - 1); // ScanAsync adds the last day
            day = scanDay;
            open.Add(LifecycleHarness.Result(resource, ResultStatus.Fail));
            await h.ScanAsync([.. open, LifecycleHarness.Result("passing", ResultStatus.Pass)]);
        }

        var aging = await h.Get<TrendsQuery>().GetAgingAsync(null, default);
        Assert.Equal(
            [("0–7 days", 2), ("8–30 days", 2), ("31–90 days", 1), ("over 90 days", 1)],
            aging.Select(b => (b.Label, b.Count)));

        var otherAccount = await h.Get<TrendsQuery>().GetAgingAsync(h.AccountId + 1, default);
        Assert.All(otherAccount, b => Assert.Equal(0, b.Count));
    }
}
