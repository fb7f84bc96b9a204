using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Numi.Infrastructure.Persistence;

/// <summary>Makes SQLite commits durable after the fact, outside the write lock.
/// <para>With write-ahead logging and <c>synchronous=NORMAL</c> (<see cref="SqliteConnectionSetup"/>) a commit
/// writes its pages to the <c>-wal</c> file and returns without waiting for the disk; a power loss before the next
/// checkpoint may undo it. <c>synchronous=FULL</c> would wait for the disk inside the commit, while the connection still
/// holds the database's only write lock, so every other writer (a shopper's checkout) would wait for that disk sync too.
/// Syncing the <c>-wal</c> file once the commit has returned makes the same promise without holding anyone up: every
/// frame written to the log before the sync, this commit's included, is then on disk, and recovery replays frames in
/// order up to the last whole commit. Should a checkpoint have copied the frames into the database and the log have
/// started over in the meantime, the checkpoint synced the database file before the log could start over, so the
/// commit is on disk either way.</para>
/// <para>The sync goes through a descriptor of its own on the <c>-wal</c> file, which SQLite never locks (its locks are on
/// the database and <c>-shm</c> files, which this never opens), so opening and closing it cannot release SQLite's
/// locks.</para></summary>
public static class SqliteWal
{
    /// <summary>The write-ahead log of the open connection's main database, or null when the database does not use one
    /// (then only <c>synchronous=FULL</c> makes a commit durable).</summary>
    public static string? LogFileOf(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || string.IsNullOrEmpty(sqlite.DataSource)) return null;
        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase) ? sqlite.DataSource + "-wal" : null;
    }

    /// <summary>Waits until everything committed to the log so far is on disk (fsync; FlushFileBuffers on Windows).</summary>
    public static void SyncToDisk(string logFile)
    {
        // Writable, or FileStream skips the sync; nothing is written.
        using var log = new FileStream(logFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        log.Flush(flushToDisk: true);
    }
}
