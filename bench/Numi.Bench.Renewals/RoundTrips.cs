using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Numi.Bench.Renewals;

/// <summary>Counts what the sweep sends to the database: commands (each a round trip) and commits and rollbacks (one
/// each; a transaction's BEGIN rides with its first command on Npgsql and costs none).</summary>
internal sealed class RoundTrips : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private long _commands, _ends;

    public long Commands => Interlocked.Read(ref _commands);
    public long TransactionEnds => Interlocked.Read(ref _ends);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => Counted(result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) => Counted(result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) => Counted(result);

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => Ended(result);

    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => Ended(result);

    private ValueTask<T> Counted<T>(T result)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    private ValueTask<InterceptionResult> Ended(InterceptionResult result)
    {
        Interlocked.Increment(ref _ends);
        return ValueTask.FromResult(result);
    }
}
