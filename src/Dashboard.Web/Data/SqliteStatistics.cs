using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>
/// Keeps SQLite's query statistics current. SQLite chooses indexes from what ANALYZE last measured; without it,
/// it takes "not muted" or "failed" for selective filters and reads most of a million findings to show 25
/// (docs/decisions/016). PostgreSQL needs none of this: autovacuum analyses its tables.
/// Runs at start-up and hourly (the hourly job is registered on SQLite only), and analyses only when the findings table has grown or shrunk by a fifth since.
/// </summary>
public sealed class SqliteStatistics(IDbContextFactory<AppDbContext> dbFactory, ILogger<SqliteStatistics> logger)
{
    public const string JobId = "database-statistics";

    /// <summary>Below this many findings any plan is fast, so no statistics are gathered.</summary>
    public const int MinimumRows = 1_000;

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Refresh SQLite query statistics")]
    public async Task RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var rows = await db.Findings.LongCountAsync(cancellationToken);
        if (rows < MinimumRows || await IsCurrentAsync(db, rows, cancellationToken))
        {
            return;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        logger.LogInformation("SQLite statistics refreshed for {Rows} findings in {Elapsed} ms", rows, watch.ElapsedMilliseconds);
    }

    /// <summary>Every index of Findings has statistics (a migration may have added one), taken at about this many rows.</summary>
    private static async Task<bool> IsCurrentAsync(AppDbContext db, long rows, CancellationToken cancellationToken)
    {
        var measured = await MeasuredRowsAsync(db, cancellationToken);
        if (measured is not { } before || Math.Abs(rows - before) > before / 5)
        {
            return false;
        }

        var indexes = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Findings'")
            .ToListAsync(cancellationToken);
        var analysed = await db.Database.SqlQuery<string>($"SELECT idx AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Findings' AND idx IS NOT NULL")
            .ToListAsync(cancellationToken);
        return indexes.All(analysed.Contains);
    }

    /// <summary>The findings row count the last ANALYZE saw, or null when there are no statistics.</summary>
    private static async Task<long?> MeasuredRowsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var hasTable = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
            .SingleAsync(cancellationToken);
        if (hasTable == 0)
        {
            return null;
        }

        // Each row of sqlite_stat1 starts with the rows its index holds ("1000000 20000 ..."); a full index holds
        // every row of the table, a partial one fewer, so the largest is the table's.
        var stats = await db.Database.SqlQuery<string>($"SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Findings'")
            .ToListAsync(cancellationToken);
        var counts = stats.Select(s => long.TryParse(s.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
        return counts.Count > 0 ? counts.Max() : null;
    }
}

/// <summary>Checks the statistics hourly (Hangfire's in-memory storage forgets recurring jobs on restart).</summary>
internal sealed class SqliteStatisticsRegistration(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<SqliteStatistics>(SqliteStatistics.JobId, s => s.RefreshIfStaleAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
