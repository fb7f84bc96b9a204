using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>The schema as the database reports it, one line per table, column and index, sorted.
/// EF's own bookkeeping tables and Quartz's qrtz_ tables are left out.</summary>
public static class SchemaReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(NumiDbContext db, DatabaseProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = provider == DatabaseProvider.Sqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            return lines.Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool Ignored(string table) =>
        table.StartsWith("__EFMigrations", StringComparison.Ordinal) ||
        table.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase) ||
        table.StartsWith("sqlite_", StringComparison.Ordinal);

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = (await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
            .Select(r => (string)r[0]!).Where(t => !Ignored(t)).ToList();
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            foreach (var column in await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")"))
                lines.Add($"column {table}.{column[1]} {column[2]} {(Convert.ToInt64(column[3]) == 1 ? "NOT NULL" : "NULL")} pk={column[5]}");
            foreach (var index in await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")"))
            {
                var name = (string)index[1]!;
                var columns = (await QueryAsync(connection, $"PRAGMA index_info(\"{name}\")"))
                    .OrderBy(c => Convert.ToInt64(c[0])).Select(c => (string)c[2]!);
                var unique = Convert.ToInt64(index[2]) == 1 ? "unique" : "non-unique";
                lines.Add($"index {table}.{name} ({string.Join(", ", columns)}) {unique}");
            }
        }
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var row in await QueryAsync(connection,
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"))
        {
            if (!Ignored((string)row[0]!)) lines.Add($"table {row[0]}");
        }
        foreach (var column in await QueryAsync(connection,
                     """
                     SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, is_identity, column_default
                     FROM information_schema.columns WHERE table_schema = 'public'
                     """))
        {
            if (Ignored((string)column[0]!)) continue;
            var type = column[3] is null ? column[2] : $"{column[2]}({column[3]})";
            var nullable = (string)column[4]! == "YES" ? "NULL" : "NOT NULL";
            lines.Add($"column {column[0]}.{column[1]} {type} {nullable} identity={column[5]} default={column[6]}");
        }
        foreach (var index in await QueryAsync(connection,
                     """
                     SELECT t.relname, i.relname, ix.indisunique,
                            array_to_string(ARRAY(
                                SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                                ORDER BY k.ord), ', ')
                     FROM pg_index ix
                     JOIN pg_class t ON t.oid = ix.indrelid
                     JOIN pg_class i ON i.oid = ix.indexrelid
                     JOIN pg_namespace n ON n.oid = t.relnamespace
                     WHERE n.nspname = 'public'
                     """))
        {
            if (Ignored((string)index[0]!)) continue;
            lines.Add($"index {index[0]}.{index[1]} ({index[3]}) {((bool)index[2]! ? "unique" : "non-unique")}");
        }
        return lines;
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
