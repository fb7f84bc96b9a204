using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Webhooks;

/// <summary>Where the webhook endpoint stores a verified event before it answers Stripe. Concurrent deliveries are
/// stored together: each request queues its event and waits; one writer takes what is queued (up to
/// <see cref="MaxBatch"/> events), inserts it in one statement and one transaction (<see cref="WebhookEventInserts"/>: an
/// event already stored is skipped, not an error), and only once that has committed tells each request whether its
/// event was new or a duplicate. A request is therefore never answered 200 before its event is durably stored, and the
/// database sees one short write per batch instead of one per delivery, which is what lets a single-writer SQLite keep up.
/// <para>A batch that fails fails its own requests only (<see cref="WebhookNotStoredException"/>, answered 500, so
/// Stripe delivers them again); nothing of it is stored, as it is one transaction. On shutdown the host stops the web
/// server first (requests in flight finish), then this: nothing new is taken, and what is queued is written.</para>
/// <para>SQLite: connections run <c>synchronous=NORMAL</c> (<see cref="SqliteConnectionSetup"/>), under which a commit
/// is not on disk until the next checkpoint. The acknowledgement promises Stripe the event survives a power loss too
/// (Stripe would not send it again), so after each commit the inbox syncs the write-ahead log to disk
/// (<see cref="SqliteWal"/>) before it answers: one sync per batch, not per event, and after the write lock is released,
/// so a shopper's checkout never waits for this disk sync (with <c>synchronous=FULL</c> it would: that sync happens inside
/// the commit; bench/webhooks.sh measured the checkout's p99 beside a webhook flood at 70–190 ms that way, against
/// 20–40 ms this way, as beside the bare endpoint). A database not in WAL mode gets <c>synchronous=FULL</c> on this
/// connection instead.</para>
/// <para>The writer is a thread of its own and calls the database synchronously. Microsoft.Data.Sqlite does its I/O
/// synchronously even behind its async methods, so on the thread pool every batch would hold a pool thread through its
/// disk sync; on a two-core machine that is half of what the requests had. (On PostgreSQL one blocked thread costs as
/// little.)</para></summary>
public sealed partial class WebhookInbox(IServiceScopeFactory scopes, DatabaseOptions database, ILogger<WebhookInbox> logger) : IHostedService
{
    /// <summary>At most this many events in one insert (8 parameters each: far below SQLite's and PostgreSQL's limits).</summary>
    public const int MaxBatch = 256;

    /// <summary>And at most about this much payload (in characters) in one insert, so a few large events go in smaller
    /// batches.</summary>
    public const int MaxBatchChars = 4 * 1024 * 1024;

    // Bounded only as a backstop: each queued event is a request waiting for its answer, so the web server's own
    // connection limits keep the queue short.
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _writer;
    private IServiceScope? _scope;
    private NumiDbContext? _db;
    private string? _log;
    private long _logSyncs;

    /// <summary>Events waiting for the writer.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>How many times the writer synced SQLite's write-ahead log after a commit.</summary>
    public long LogSyncs => Interlocked.Read(ref _logSyncs);

    /// <summary>Stores the event unless that organization already has it from this provider; returns true for such a
    /// duplicate. Returns once the batch holding it has committed (and, on SQLite, is synced to disk).</summary>
    /// <exception cref="WebhookNotStoredException">Its batch could not be stored, or Numi is shutting down.</exception>
    public async Task<bool> StoreAsync(WebhookEvent received, CancellationToken ct)
    {
        var pending = new Pending(received);
        try
        {
            await _queue.Writer.WriteAsync(pending, ct);
        }
        catch (ChannelClosedException e)
        {
            throw new WebhookNotStoredException("Numi is shutting down.", e);
        }
        return await pending.Duplicate.Task.WaitAsync(ct);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            _writer = new Thread(WriteQueued) { IsBackground = true, Name = "Numi webhook inbox" };
            _writer.Start();
        }
        return Task.CompletedTask;
    }

    /// <summary>Takes nothing new and waits until what is queued is written, or until the host stops waiting.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is not null) await _stopped.Task.WaitAsync(cancellationToken);
    }

    private void WriteQueued()
    {
        try
        {
            var batch = new List<Pending>(MaxBatch);
            Pending? carried = null;
            while (carried is not null || _queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                var chars = 0;
                if (carried is not null)
                {
                    batch.Add(carried);
                    chars = carried.Event.Payload.Length;
                    carried = null;
                }
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    if (batch.Count > 0 && chars + next.Event.Payload.Length > MaxBatchChars)
                    {
                        carried = next;
                        break;
                    }
                    batch.Add(next);
                    chars += next.Event.Payload.Length;
                }
                if (batch.Count > 0) Write(batch);
            }
            Disconnect();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Write(List<Pending> batch)
    {
        try
        {
            var db = Connection();
            // One transaction (on SQLite BEGIN IMMEDIATE: the write lock is taken, or waited for, up front), so a failure
            // anywhere, even while reading the ids back, leaves nothing of the batch behind.
            IReadOnlySet<Guid> inserted;
            using (var transaction = db.Database.BeginTransaction())
            {
                inserted = WebhookEventInserts.InsertNew(db, database.Provider, batch.ConvertAll(p => p.Event));
                transaction.Commit();
            }
            db.ChangeTracker.Clear();
            if (_log is not null)
            {
                SqliteWal.SyncToDisk(_log);
                Interlocked.Increment(ref _logSyncs);
            }
            foreach (var pending in batch) pending.Duplicate.TrySetResult(!inserted.Contains(pending.Event.Id));
        }
        catch (Exception e)
        {
            // The writer must outlive any failure: this batch's requests learn of it, and the next batch starts on a new
            // connection in case this one is what broke.
            LogBatchFailed(logger, e, batch.Count);
            var failure = new WebhookNotStoredException("The event could not be stored.", e);
            foreach (var pending in batch) pending.Duplicate.TrySetException(failure);
            Disconnect();
        }
    }

    /// <summary>The writer's own context, on one connection held open between batches (no pool round trip, no pragmas
    /// per batch), set up like every other by <see cref="SqliteConnectionSetup"/>. On SQLite: the log to sync after each
    /// commit, or, without one, <c>synchronous=FULL</c> (see the class summary).</summary>
    private NumiDbContext Connection()
    {
        if (_db is not null) return _db;
        _scope = scopes.CreateScope();
        var db = _scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        db.Database.OpenConnection();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            _log = SqliteWal.LogFileOf(db.Database.GetDbConnection());
            if (_log is null) db.Database.ExecuteSqlRaw("PRAGMA synchronous=FULL;");
        }
        return _db = db;
    }

    private void Disconnect()
    {
        _db = null;
        _log = null;
        var scope = _scope;
        _scope = null;
        try
        {
            scope?.Dispose();
        }
        catch (Exception e)
        {
            LogDisconnectFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} webhook events could not be stored; each delivery is answered 500 and Stripe sends it again")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook inbox's connection could not be closed cleanly")]
    private static partial void LogDisconnectFailed(ILogger logger, Exception exception);

    private sealed class Pending(WebhookEvent received)
    {
        public WebhookEvent Event { get; } = received;

        // Completed by the writer: the request's continuation must not run on (and hold up) the writer.
        public TaskCompletionSource<bool> Duplicate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>An event the inbox could not store: the delivery must not be acknowledged.</summary>
public sealed class WebhookNotStoredException(string message, Exception? innerException) : Exception(message, innerException);
