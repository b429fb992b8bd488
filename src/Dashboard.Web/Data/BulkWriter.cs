using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Dashboard.Web.Data;

/// <summary>
/// Writes many rows of one entity type inside the context's current transaction, without change tracking: one prepared
/// statement stepped per row on SQLite (in process, so a statement per row costs microseconds), binary COPY on
/// PostgreSQL (all rows in one stream instead of a round trip each). Properties are named as in the model and values
/// are model values; table, column names and value conversions come from the model, so they follow it. The one
/// provider-specific part of recording a scan (docs/decisions/015).
/// </summary>
public abstract class BulkWriter
{
    private readonly AppDbContext _db;

    private protected BulkWriter(AppDbContext db) => _db = db;

    /// <summary>The writer for the context's provider. The context must be in a transaction when rows are written.</summary>
    public static BulkWriter For(AppDbContext db) => db.Database.IsNpgsql() ? new PostgresBulkWriter(db) : new SqliteBulkWriter(db);

    /// <summary>Inserts one row per values array (in the order of <paramref name="properties"/>); the key is generated.</summary>
    public abstract Task InsertAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Inserts like <see cref="InsertAsync{TEntity}"/> and returns the generated <c>Id</c> of each row, in order.</summary>
    public abstract Task<IReadOnlyList<long>> InsertReturningIdsAsync<TEntity>(
        IReadOnlyList<string> properties, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="properties"/> of existing rows: each values array is the row's <c>Id</c>, then the new values.</summary>
    public abstract Task UpdateAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken cancellationToken);

    private protected DbConnection Connection => _db.Database.GetDbConnection();

    private protected DbTransaction Transaction => _db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("Bulk writes run inside the caller's transaction; begin one first.");

    private protected Table Describe<TEntity>(IEnumerable<string> properties)
    {
        var entity = _db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model");
        var columns = properties.Select(name => entity.FindProperty(name) ?? throw new InvalidOperationException($"{entity.DisplayName()} has no property {name}"))
            .Select(p => new Column(p.GetColumnName(), p.GetTypeMapping().Converter))
            .ToList();
        return new Table(entity.GetTableName()!, columns);
    }

    private protected static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private protected sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        public string Quoted => Quote(Name);

        public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));
    }

    private protected sealed record Column(string Name, ValueConverter? Converter)
    {
        public object? ToProvider(object? value) => value is null || Converter is null ? value : Converter.ConvertToProvider(value);
    }

    private sealed class SqliteBulkWriter(AppDbContext db) : BulkWriter(db)
    {
        public override Task InsertAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            var table = Describe<TEntity>(properties);
            Run(InsertSql(table), table, rows, null, cancellationToken);
            return Task.CompletedTask;
        }

        public override Task<IReadOnlyList<long>> InsertReturningIdsAsync<TEntity>(
            IReadOnlyList<string> properties, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
        {
            var table = Describe<TEntity>(properties);
            var ids = new List<long>(rows.Count);
            Run(InsertSql(table), table, rows, ids, cancellationToken);
            return Task.FromResult<IReadOnlyList<long>>(ids);
        }

        public override Task UpdateAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            var table = Describe<TEntity>(["Id", .. properties]);
            var set = string.Join(", ", table.Columns.Skip(1).Select((c, i) => $"{Quote(c.Name)} = ?{i + 2}"));
            Run($"UPDATE {table.Quoted} SET {set} WHERE \"Id\" = ?1", table, rows, null, cancellationToken);
            return Task.CompletedTask;
        }

        private static string InsertSql(Table table) =>
            $"INSERT INTO {table.Quoted} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))})";

        /// <summary>
        /// One statement prepared on the connection's own SQLite handle, bound by position and stepped per row. Below
        /// ADO.NET on purpose: binding there looks every parameter up by name on every execution, which costs more than
        /// SQLite's own work for a wide row. Synchronous: SQLite waits for no I/O per row inside a transaction.
        /// </summary>
        private void Run(string sql, Table table, IEnumerable<object?[]> rows, List<long>? ids, CancellationToken cancellationToken)
        {
            _ = Transaction; // the statements join the transaction open on this handle
            var handle = ((SqliteConnection)Connection).Handle!;
            Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
            using (statement)
            {
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        Check(Bind(statement, i + 1, table.Columns[i].ToProvider(row[i])), handle);
                    }

                    var step = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    Check(step == raw.SQLITE_DONE ? raw.SQLITE_OK : step, handle);
                    ids?.Add(raw.sqlite3_last_insert_rowid(handle));
                }
            }
        }

        private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(statement, index, real),
            _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}"),
        };

        private static void Check(int code, sqlite3 handle)
        {
            if (code != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(code, handle);
            }
        }
    }

    private sealed class PostgresBulkWriter(AppDbContext db) : BulkWriter(db)
    {
        public override async Task InsertAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            var table = Describe<TEntity>(properties);
            await CopyAsync(table.Quoted, table, rows, cancellationToken);
        }

        /// <summary>Takes the ids from the identity's sequence first (one query), then copies the rows with them.</summary>
        public override async Task<IReadOnlyList<long>> InsertReturningIdsAsync<TEntity>(
            IReadOnlyList<string> properties, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
        {
            var table = Describe<TEntity>(["Id", .. properties]);
            var ids = new List<long>(rows.Count);
            await using (var command = Command($"SELECT nextval(pg_get_serial_sequence(@table, 'Id')) FROM generate_series(1, @count)"))
            {
                command.Parameters.AddWithValue("table", table.Quoted);
                command.Parameters.AddWithValue("count", rows.Count);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            await CopyAsync(table.Quoted, table, rows.Select((row, i) => (object?[])[ids[i], .. row]), cancellationToken);
            return ids;
        }

        /// <summary>Copies the new values into a temporary table, then one UPDATE … FROM joins it on the key.</summary>
        public override async Task UpdateAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            var table = Describe<TEntity>(["Id", .. properties]);
            var staged = Quote("bulk_" + table.Name);
            await ExecuteAsync($"CREATE TEMP TABLE {staged} ON COMMIT DROP AS SELECT {table.ColumnList} FROM {table.Quoted} WITH NO DATA", cancellationToken);
            await CopyAsync(staged, table, rows, cancellationToken);
            var set = string.Join(", ", table.Columns.Skip(1).Select(c => $"{Quote(c.Name)} = s.{Quote(c.Name)}"));
            await ExecuteAsync($"UPDATE {table.Quoted} AS t SET {set} FROM {staged} AS s WHERE t.\"Id\" = s.\"Id\"", cancellationToken);
            await ExecuteAsync($"DROP TABLE {staged}", cancellationToken);
        }

        private async Task CopyAsync(string target, Table table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            _ = Transaction; // COPY joins the connection's transaction; make sure there is one.
            var connection = (NpgsqlConnection)Connection;
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    await WriteAsync(importer, table.Columns[i].ToProvider(row[i]), cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        /// <summary>Writes a value as its PostgreSQL type, named here rather than inferred by Npgsql from an object per value.</summary>
        private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken cancellationToken) => value switch
        {
            null => importer.WriteNullAsync(cancellationToken),
            string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
            long number => importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
            int number => importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
            bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
            double real => importer.WriteAsync(real, NpgsqlDbType.Double, cancellationToken),
            DateTimeOffset instant => importer.WriteAsync(instant, NpgsqlDbType.TimestampTz, cancellationToken),
            _ => throw new NotSupportedException($"No PostgreSQL binary copy for {value.GetType().Name}"),
        };

        private NpgsqlCommand Command(string sql) => new(sql, (NpgsqlConnection)Connection, (NpgsqlTransaction)Transaction);

        private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = Command(sql);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
