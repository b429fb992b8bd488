using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

public class AuditLogTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Write_OverlongValues_AreClippedToTheirColumnsInsteadOfFailing(DatabaseProvider provider)
    {
        using var factory = new DashboardAppFactory { Provider = provider, RunJobs = false };
        var path = "GET /" + new string('a', 1000);

        await factory.Services.GetRequiredService<AuditLog>().WriteAsync("authz.denied", new string('b', 300), null, target: path, succeeded: false);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEvents.SingleAsync(e => e.Action == "authz.denied");
        Assert.Equal(400, entry.Target!.Length);
        Assert.StartsWith("GET /aaa", entry.Target, StringComparison.Ordinal);
        Assert.EndsWith("…", entry.Target, StringComparison.Ordinal);
        Assert.Equal(256, entry.Actor.Length);
    }
}
