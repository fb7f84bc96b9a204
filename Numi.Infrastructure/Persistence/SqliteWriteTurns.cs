using System.Collections.Concurrent;

namespace Numi.Infrastructure.Persistence;

/// <summary>Runs the writes of one SQLite file that take turns (<see cref="Core.Common.INumiDb.WriteInTurnAsync{T}"/>) one
/// after the other on a thread of its own.
/// <para>SQLite lets one connection write at a time. A writer that finds the lock taken sleeps in SQLite's busy handler
/// (1, 2, 5, 10 … 100 ms) on its thread and retries: 32 shoppers paying at once held 32 thread-pool threads asleep and
/// were served in whatever order they woke. Queueing them on an async lock instead was little better, because each
/// hand-over waited for the next holder to be scheduled behind every other request's work on the thread pool. Here the
/// writer thread goes from one write to the next at once; Microsoft.Data.Sqlite's "async" calls complete synchronously,
/// so a write runs through on it. Only writes that take no turn (the webhook inbox, jobs, the merchant app) still meet
/// the lock held, and wait for it in the busy handler as before.</para>
/// <para>The thread ends after a while with nothing to write, so test databases leave none behind.</para></summary>
public sealed class SqliteWriteTurns
{
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, SqliteWriteTurns> Writers = new(StringComparer.Ordinal);

    /// <summary>The writer whose thread this is, so a write that (indirectly) asks for a turn runs inline instead of
    /// waiting for itself.</summary>
    [ThreadStatic] private static SqliteWriteTurns? _current;

    private readonly string _database;
    private readonly BlockingCollection<Action> _writes = new();

    private SqliteWriteTurns(string database)
    {
        _database = database;
        new Thread(Run) { IsBackground = true, Name = "Numi SQLite writer" }.Start();
    }

    public static Task<T> RunAsync<T>(string database, Func<Task<T>> write, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The request's logging scopes and other async-local state go with its write.
        var context = ExecutionContext.Capture();
        lock (Writers)
        {
            if (!Writers.TryGetValue(database, out var writer)) Writers[database] = writer = new SqliteWriteTurns(database);
            if (_current == writer) return write();
            writer._writes.Add(() =>
            {
                if (ct.IsCancellationRequested)
                {
                    done.TrySetCanceled(ct);
                    return;
                }
                try
                {
                    var result = default(T);
                    if (context is null) result = write().GetAwaiter().GetResult();
                    else ExecutionContext.Run(context, _ => result = write().GetAwaiter().GetResult(), null);
                    done.TrySetResult(result!);
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            });
        }
        return done.Task;
    }

    private void Run()
    {
        _current = this;
        while (true)
        {
            if (_writes.TryTake(out var write, IdleLifetime))
            {
                write();
                continue;
            }
            lock (Writers)
            {
                if (_writes.Count > 0) continue;
                Writers.Remove(_database);
                return;
            }
        }
    }
}
