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
/// <item><c>temp_store=MEMORY</c>: what SQLite keeps aside while a statement runs (a statement journal, a transient
/// index or sort) stays in memory. With the default, each payment's transaction created, unlinked and closed a file in
/// <c>/var/tmp</c> on the writer thread (seen with <c>strace</c>: an <c>etilqs_…</c> file per transaction), three system
/// calls and a directory update in the one thread every payment queues for.</item>
/// <item><c>wal_autocheckpoint</c> (<see cref="BackstopPages"/>): the log is copied into the database file in the
/// background (<see cref="SqliteCheckpoints"/>), not by the commit that takes it past SQLite's default 1,000 pages;
/// this is the backstop should the background pass fall behind or not run.</item>
/// <item><c>mmap_size=0</c>: no memory map of the database file. A map looked cheaper than
/// <c>pread</c> copies, but in WAL mode a connection whose read sees that another connection wrote since its last one
/// resets its pager and unmaps the whole file, and under concurrent payments that is almost every read: each
/// connection mapped and unmapped the file (27 MB after 10,000 payments) again and again, every <c>munmap</c> in this
/// many-threaded process interrupting the other cores to flush their address translations, and every page touched
/// after it faulting in again. Set explicitly, so a connection someone changed is set back when its pool hands it out
/// again.</item>
/// </list></summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Pages (4 KiB each) in the write-ahead log past which the committing connection checkpoints it itself.</summary>
    public const int BackstopPages = 4000;

    private static readonly string Pragmas =
        $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0; PRAGMA wal_autocheckpoint={BackstopPages};";

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
