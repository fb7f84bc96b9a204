using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Numi.Infrastructure.Persistence;

/// <summary>Sets up every SQLite connection EF opens for a web server's concurrency. Pragmas other than
/// <c>journal_mode</c> belong to the connection, not the file, so they are set on each open (a pooled connection reopened
/// gets them again, which also undoes what its last user may have changed). They cost a few microseconds: SQLite is
/// in-process.
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the database locked by another writer waits inside SQLite (sleeping 1,
/// 2, 5, 10… ms) up to 5 s, instead of failing at once and leaving the retry to Microsoft.Data.Sqlite, which polls every
/// 150 ms: that poll would put 150 ms on a write that waited for 1 ms.</item>
/// <item><c>synchronous=NORMAL</c>: with write-ahead logging (set on the file at start-up, see
/// <see cref="DatabaseStartup"/>) a commit writes to the WAL without waiting for the disk; the WAL is synced at each
/// checkpoint. The database stays consistent after any crash; a power loss or OS crash may lose the last commits before a
/// checkpoint (not an application crash: those writes are in the operating system already). What must survive that too
/// (an acknowledged webhook) is synced to disk by its writer after the commit (<see cref="SqliteWal"/>).</item>
/// <item><c>mmap_size</c> (<see cref="MemoryMapBytes"/>): the connection reads the database file's pages through a
/// memory map instead of a <c>pread</c> copy each. In WAL mode a connection drops its page cache whenever another
/// connection wrote since its last read, which under concurrent payments is almost every time, so pages were read again
/// and again: <c>pread</c> and the kernel's copy were about 4 % of a payment's CPU (bench/checkout.md). Pages still in the
/// write-ahead log are read from it as before; writes still go through <c>write</c>. A file larger than the map is read
/// past it the old way. Not for a database on a network file system (SQLite's own caveat for memory-mapped I/O).</item>
/// </list></summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>256 MiB of the database file mapped per connection: address space, not memory (the pages are the
    /// operating system's file cache, shared by every connection).</summary>
    public const long MemoryMapBytes = 256L * 1024 * 1024;

    private static readonly string Pragmas =
        $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={MemoryMapBytes};";

    private SqliteConnectionSetup() { }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
