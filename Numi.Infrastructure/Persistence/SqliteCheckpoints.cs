using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Numi.Infrastructure.Persistence;

/// <summary>Copies SQLite's write-ahead log into the database file in the background, so that no shopper's commit does it.
/// <para>Left to SQLite, the commit that takes the log past 1,000 pages runs the checkpoint itself before it returns: it
/// reads those pages back, writes them into the database file and syncs the log and the file to disk. With the
/// checkout's writes taking turns on one thread (<see cref="SqliteWriteTurns"/>), every payment queued behind it
/// meanwhile: under 32 shoppers paying at once that was a checkpoint every few dozen payments, its disk syncs included,
/// on the one thread all of them wait for.</para>
/// <para>Here a passive checkpoint runs every <see cref="Interval"/> on a connection of its own. Passive: it copies what no
/// reader still needs, never waits for a reader or a writer, and writers keep appending to the log meanwhile. The
/// connections EF opens keep SQLite's own checkpoint only as a backstop, at <see cref="SqliteConnectionSetup.BackstopPages"/>
/// (should this one fall behind or not run, as in a tool that starts no host). What a commit promises is unchanged: a
/// checkpoint syncs the log before it copies and the database file after, whichever connection runs it.</para>
/// <para>Microsoft.Data.Sqlite has no asynchronous I/O, so each pass holds a thread-pool thread while it runs (nothing to
/// copy: tens of microseconds; a few hundred pages and two disk syncs: about a millisecond).</para></summary>
public sealed class SqliteCheckpoints(DatabaseOptions options, ILogger<SqliteCheckpoints> logger) : BackgroundService
{
    private bool _failing;

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>What one pass found: whether it could not copy everything (a reader still needed some of it), the pages in
    /// the log and those in the database file now (-1 each when the file is not in write-ahead-log mode).</summary>
    public sealed record Pass(bool Incomplete, int LogPages, int CopiedPages);

    /// <summary>Runs one passive checkpoint. Opens the file read-write without creating it: a pass after the file was
    /// removed (a test database dropped) fails instead of leaving an empty file behind.</summary>
    public Pass Run()
    {
        var connectionString = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadWrite }.ConnectionString;
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Pass(reader.GetInt32(0) != 0, reader.GetInt32(1), reader.GetInt32(2));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                Run();
                if (_failing) logger.LogInformation("SQLite's background checkpoint works again");
                _failing = false;
            }
            catch (SqliteException e)
            {
                // The next pass tries again; SQLite's own checkpoint at the backstop keeps the log bounded meanwhile. Said
                // once, not ten times a second.
                if (!_failing) logger.LogWarning(e, "SQLite's background checkpoint failed; it is tried again every {Interval}", Interval);
                _failing = true;
            }
        }
    }
}
