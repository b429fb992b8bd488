using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;
using Dashboard.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Benchmarks;

/// <summary>The size of a generated organisation.</summary>
public sealed record BenchSize(int Findings, int Accounts, int Days)
{
    public static BenchSize FromArgs(string[] args) =>
        new(BenchArgs.Number(args, "--findings", 1_000_000), BenchArgs.Number(args, "--accounts", 50), BenchArgs.Number(args, "--days", 365));
}

/// <summary>
/// A large organisation written straight into a migrated database with bulk inserts (multi-row INSERT on SQLite,
/// binary COPY on PostgreSQL): N findings over every catalog check and six regions, each account's latest scan
/// with one result per finding (what the Compliance page reads), and accounts × days of scans with their
/// per-scan severity and compliance aggregates (what the trends read). Deterministic: the same size gives the
/// same data on both providers.
/// </summary>
public static class BenchData
{
    /// <summary>The instant the generated history ends; queries run with this as "now".</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "global"];

    public static async Task<string> SeedAsync(BenchDatabase database, BenchSize size)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await database.Factory.CreateDbContextAsync();
        await using var writer = await BulkWriter.OpenAsync(database.Provider, database.ConnectionString, db.Model);
        var runs = Runs(size);
        var latestRun = runs.GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.Max(r => r.Id));
        // A finding was last seen by its account's latest scan, unless it is resolved (its resource is gone).
        var latestAt = runs.GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.Max(r => r.At));

        await writer.WriteAsync<CloudAccount>(["Id", "AwsAccountId", "Name", "IsDemo", "CreatedAt", "Enabled", "AccessMethod"],
            Enumerable.Range(1, size.Accounts).Select(a => new object?[] { a, AwsAccountId(a), $"account-{a:D3}", false, End.AddDays(-size.Days - 1), true, 0 }));
        await writer.WriteAsync<MuteRule>(["Id", "CheckId", "Justification", "CreatedBy", "CreatedAt"],
            [[1L, null, "accepted in the benchmark organisation", "bench", End.AddDays(-30)]]);
        await writer.WriteAsync<ScanRun>(
            ["Id", "AccountId", "State", "Trigger", "QueuedAt", "StartedAt", "CompletedAt", "PassCount", "FailCount", "ErrorCount", "UnitsDone", "UnitsTotal"],
            runs.Select(r => new object?[] { r.Id, r.AccountId, (int)ScanRunState.Completed, "Bench", r.At.AddMinutes(-5), r.At.AddMinutes(-4), r.At, 300, 600, 60, 20, 20 }));

        var checks = CheckCatalog.Default.All.Select(c => c.Metadata).ToList();
        await writer.WriteAsync<Finding>(
            ["Id", "AccountId", "CheckId", "CheckTitle", "Service", "Severity", "Region", "ResourceId", "ResourceArn", "Status", "Reason", "EvidenceJson",
                "FirstSeen", "LastSeen", "LastScanRunId", "TriageState", "Lifecycle", "OpenedAt", "ResolvedAt", "ReopenCount", "Assignee", "DueAt",
                "RiskAcceptedUntil", "MutedByRuleId"],
            Enumerable.Range(0, size.Findings).Select(i =>
            {
                var f = new GeneratedFinding(i, size, checks);
                return new object?[]
                {
                    f.Id, f.AccountId, f.Check.Id, f.Check.Title, f.Check.Service, (int)f.Check.Severity, f.Region, f.ResourceId,
                    $"arn:aws:{f.Check.Service}:{f.Region}:{AwsAccountId(f.AccountId)}:{f.ResourceId}", (int)f.Status, f.Reason, f.Evidence,
                    f.FirstSeen, f.Lifecycle == FindingLifecycle.Resolved ? End.AddDays(-(i % 20) - 1) : latestAt[f.AccountId], latestRun[f.AccountId],
                    (int)f.Triage, (int)f.Lifecycle,
                    f.Lifecycle == FindingLifecycle.Open ? f.FirstSeen : null, f.Lifecycle == FindingLifecycle.Resolved ? End.AddDays(-(i % 20)) : null, 0,
                    i % 17 == 0 ? $"user{i % 5}@example.com" : null, f.Lifecycle == FindingLifecycle.Open ? f.FirstSeen.AddDays(30) : null,
                    f.Triage == TriageState.RiskAccepted ? End.AddDays(60) : null, i % 53 == 0 ? 1L : null,
                };
            }));
        await writer.WriteAsync<ScanResult>(["ScanRunId", "FindingId", "Status", "Reason", "EvidenceJson"],
            Enumerable.Range(0, size.Findings).Select(i =>
            {
                var f = new GeneratedFinding(i, size, checks);
                return new object?[] { latestRun[f.AccountId], f.Id, (int)f.Status, f.Reason, f.Evidence };
            }));

        await writer.WriteAsync<ScanSeverityAggregate>(
            ["ScanRunId", "AccountId", "At", "Severity", "OpenCount", "MutedOpenCount", "OverdueCount", "NewCount", "ResolvedCount", "RegressedCount", "RemediationSeconds"],
            runs.SelectMany(r => Enum.GetValues<Severity>().Select(s => new object?[]
            {
                r.Id, r.AccountId, r.At, (int)s, (r.AccountId + r.Day + (int)s) % 40 + 10, r.Day % 3, r.Day % 5, r.Day % 3, (r.AccountId * r.Day) % 3, r.Day % 7 == 0 ? 1 : 0,
                86400.0 * ((r.AccountId * r.Day) % 3),
            })));
        var sections = FrameworkCatalog.Default.All.SelectMany(f => f.Sections.Select(s => s.Id).Prepend("").Select(s => (Framework: f.Id, Section: s))).ToList();
        await writer.WriteAsync<ScanComplianceAggregate>(
            ["ScanRunId", "AccountId", "At", "FrameworkId", "SectionId", "Passed", "Failed", "Manual", "NotApplicable", "Error"],
            runs.SelectMany(r => sections.Select(s => new object?[]
            {
                r.Id, r.AccountId, r.At, s.Framework, s.Section, (r.AccountId + r.Day) % 30, 30 - ((r.AccountId + r.Day) % 30), 2, 1, r.Day % 2,
            })));
        await writer.CompleteAsync();
        return $"{size.Findings:N0} findings and results, {size.Accounts} accounts × {size.Days} days ({runs.Count:N0} scans, "
            + $"{runs.Count * 5:N0} severity and {runs.Count * sections.Count:N0} compliance aggregate rows) in {watch.Elapsed.TotalSeconds:0} s, "
            + $"{database.SizeInBytes() / 1048576:N0} MiB";
    }

    public static string AwsAccountId(int account) => (100000000000L + account).ToString(CultureInfo.InvariantCulture);

    /// <summary>Every account daily, except every fifth account every other day; each at its own hour.</summary>
    private static List<Run> Runs(BenchSize size)
    {
        var runs = new List<Run>();
        for (var a = 1; a <= size.Accounts; a++)
        {
            for (var d = size.Days; d >= 1; d -= a % 5 == 0 ? 2 : 1)
            {
                runs.Add(new Run(runs.Count + 1, a, d, End.AddDays(-d).AddHours(a % 24)));
            }
        }

        return runs;
    }

    private sealed record Run(long Id, int AccountId, int Day, DateTimeOffset At);

    /// <summary>
    /// Finding number i: a third pass, about 6% errors, the rest fail; every 13th in progress, every 19th acknowledged,
    /// a few risk-accepted or false positives; every 17th assigned; every 53rd muted.
    /// </summary>
    private readonly struct GeneratedFinding(int i, BenchSize size, List<CheckMetadata> checks)
    {
        public long Id => i + 1;
        public int AccountId => (i % size.Accounts) + 1;
        public CheckMetadata Check => checks[(i / size.Accounts) % checks.Count];
        public string Region => Regions[(i / 7) % Regions.Length];
        public string ResourceId => $"bucket-{i}";
        public ResultStatus Status => i % 3 == 0 ? ResultStatus.Pass : i % 11 == 0 ? ResultStatus.Error : ResultStatus.Fail;
        public string Reason => Status == ResultStatus.Pass ? $"resource bucket-{i} is configured as required" : $"reason for resource {i}";
        public string Evidence => $"{{\"resource\":\"bucket-{i}\",\"setting\":\"{(Status == ResultStatus.Pass ? "enabled" : "disabled")}\"}}";
        public DateTimeOffset FirstSeen => End.AddDays(-(i % size.Days)).AddMinutes(-(i % 1440));

        public FindingLifecycle Lifecycle => Status is ResultStatus.Fail or ResultStatus.Error ? FindingLifecycle.Open
            : i % 9 == 0 ? FindingLifecycle.Resolved : FindingLifecycle.None;

        public TriageState Triage => i % 13 == 0 ? TriageState.InProgress : i % 19 == 0 ? TriageState.Acknowledged
            : i % 97 == 0 ? TriageState.RiskAccepted : i % 89 == 0 ? TriageState.FalsePositive : TriageState.Open;
    }

    /// <summary>
    /// Appends rows to the tables of the EF model, by property name. Required columns not given get their type's
    /// default, so a column added later does not break the benchmark.
    /// </summary>
    private abstract class BulkWriter(IModel model) : IAsyncDisposable
    {
        public static async Task<BulkWriter> OpenAsync(DatabaseProvider provider, string connectionString, IModel model)
        {
            BulkWriter writer = provider == DatabaseProvider.Postgres ? new PostgresWriter(connectionString, model) : new SqliteWriter(connectionString, model);
            await writer.OpenAsync();
            return writer;
        }

        public async Task WriteAsync<TEntity>(string[] properties, IEnumerable<object?[]> rows)
        {
            var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var given = properties.Select(p => entity.FindProperty(p) ?? throw new InvalidOperationException($"{entity.DisplayName()} has no property {p}")).ToList();
            var filled = entity.GetProperties()
                .Where(p => !given.Contains(p) && !p.IsNullable && !p.IsPrimaryKey() && p.GetDefaultValueSql() is null && p.ValueGenerated == ValueGenerated.Never)
                .ToList();
            var columns = given.Concat(filled).Select(p => new Column(p.GetColumnName(table)!, Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)).ToList();
            var defaults = filled.Select(p => p.ClrType == typeof(string) ? "" : p.ClrType.IsEnum ? 0 : Activator.CreateInstance(p.ClrType)).ToArray();
            await WriteRowsAsync(table.Name, columns, defaults.Length == 0 ? rows : rows.Select(r => r.Concat(defaults).ToArray()));
            await AfterTableAsync(table.Name, entity.FindPrimaryKey()!.Properties[0].GetColumnName(table)!, properties.Contains("Id"));
        }

        protected abstract Task OpenAsync();

        protected abstract Task WriteRowsAsync(string table, List<Column> columns, IEnumerable<object?[]> rows);

        protected virtual Task AfterTableAsync(string table, string key, bool explicitKeys) => Task.CompletedTask;

        public abstract Task CompleteAsync();

        public abstract ValueTask DisposeAsync();

        protected sealed record Column(string Name, Type Type);
    }

    private sealed class SqliteWriter(string connectionString, IModel model) : BulkWriter(model)
    {
        private const int MaxParameters = 999;
        private static readonly DateTimeOffsetToBinaryConverter Time = new();
        private readonly SqliteConnection _connection = new(connectionString);
        private SqliteTransaction? _transaction;

        protected override async Task OpenAsync()
        {
            await _connection.OpenAsync();
            // A large page cache keeps the indexes being filled in memory; with the default 2 MiB the load takes 15 minutes.
            await Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;");
            _transaction = _connection.BeginTransaction();
        }

        protected override async Task WriteRowsAsync(string table, List<Column> columns, IEnumerable<object?[]> rows)
        {
            var perStatement = Math.Max(1, MaxParameters / columns.Count);
            var batch = new List<object?[]>(perStatement);
            SqliteCommand? full = null;
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == perStatement)
                {
                    full ??= Insert(table, columns, perStatement);
                    await Run(full, batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await Run(Insert(table, columns, batch.Count), batch);
            }
        }

        private SqliteCommand Insert(string table, List<Column> columns, int rows)
        {
            var sql = new StringBuilder($"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ");
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"$p{(r * columns.Count) + c}";
                    sql.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            command.Prepare();
            return command;
        }

        private static async Task Run(SqliteCommand command, List<object?[]> batch)
        {
            var p = 0;
            foreach (var row in batch)
            {
                foreach (var value in row)
                {
                    command.Parameters[p++].Value = value switch
                    {
                        null => DBNull.Value,
                        DateTimeOffset at => Time.ConvertToProvider(at),
                        _ => value,
                    };
                }
            }

            await command.ExecuteNonQueryAsync();
        }

        public override async Task CompleteAsync()
        {
            await _transaction!.CommitAsync();
        }

        private async Task Exec(string sql)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }

            await _connection.DisposeAsync();
        }
    }

    private sealed class PostgresWriter(string connectionString, IModel model) : BulkWriter(model)
    {
        private readonly NpgsqlConnection _connection = new(connectionString);

        protected override Task OpenAsync() => _connection.OpenAsync();

        protected override async Task WriteRowsAsync(string table, List<Column> columns, IEnumerable<object?[]> rows)
        {
            await using var importer = await _connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                for (var c = 0; c < columns.Count; c++)
                {
                    await WriteAsync(importer, row[c], columns[c].Type);
                }
            }

            await importer.CompleteAsync();
        }

        private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, Type type) => value switch
        {
            null => importer.WriteNullAsync(),
            DateTimeOffset at => importer.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz),
            int number when type == typeof(long) => importer.WriteAsync((long)number, NpgsqlDbType.Bigint),
            long number when type == typeof(int) || type.IsEnum => importer.WriteAsync(checked((int)number), NpgsqlDbType.Integer),
            int number => importer.WriteAsync(number, NpgsqlDbType.Integer),
            long number => importer.WriteAsync(number, NpgsqlDbType.Bigint),
            bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean),
            double real => importer.WriteAsync(real, NpgsqlDbType.Double),
            string text => importer.WriteAsync(text, NpgsqlDbType.Text),
            _ => throw new NotSupportedException($"no COPY mapping for {value.GetType().Name}"),
        };

        protected override async Task AfterTableAsync(string table, string key, bool explicitKeys)
        {
            if (explicitKeys)
            {
                // Rows came with their ids: move the identity past them, as the app would find it.
                await Exec($"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{key}'), (SELECT COALESCE(MAX(\"{key}\"), 0) + 1 FROM \"{table}\"), false)");
            }
        }

        public override Task CompleteAsync() => Task.CompletedTask;

        private async Task Exec(string sql)
        {
            await using var command = new NpgsqlCommand(sql, _connection);
            await command.ExecuteNonQueryAsync();
        }

        public override ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}

/// <summary>Command-line options shared by the benchmark commands.</summary>
public static class BenchArgs
{
    /// <summary>The option's number; a value that is not a number stops the command rather than being ignored.</summary>
    public static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>The figures every command prints: median, nearest-rank p95, milliseconds, the machine's load.</summary>
public static class BenchStats
{
    /// <summary>The median of <paramref name="values"/> (any order); 0 for none.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Nearest-rank 95th percentile (with fewer than 20 values, the slowest).</summary>
    public static double P95(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
    }

    public static string Ms(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : ms.ToString(ms >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The 1, 5 and 15 minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
