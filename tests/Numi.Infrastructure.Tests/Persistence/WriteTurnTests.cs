using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary><see cref="INumiDb.WriteInTurnAsync{T}"/>: on SQLite, writes of one file run one at a time on its writer
/// thread, each with its own answer or failure; a write that asks again, or one inside an open transaction, runs at
/// once instead of waiting for itself.</summary>
public sealed class WriteTurnTests
{
    [Fact]
    public async Task Sqlite_writes_asked_for_at_once_run_one_at_a_time_and_each_gets_its_own_answer()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        var running = 0;
        var most = 0;
        var contexts = Enumerable.Range(0, 16).Select(_ => database.CreateContext()).ToList();

        var answers = await Task.WhenAll(contexts.Select((db, i) => Task.Run(() => db.WriteInTurnAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            // Long enough for the others to arrive while this one runs.
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return Task.FromResult(i);
        }, default))));

        Assert.Equal(Enumerable.Range(0, 16), answers);
        Assert.Equal(1, most);
        foreach (var db in contexts) await db.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_write_fails_only_its_own_caller()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var db = database.CreateContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteInTurnAsync<int>(() => throw new InvalidOperationException("refused"), default));
        Assert.Equal(7, await db.WriteInTurnAsync(() => Task.FromResult(7), default));
    }

    [Fact]
    public async Task A_write_that_asks_for_a_turn_again_or_runs_in_an_open_transaction_does_not_wait_for_itself()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var db = database.CreateContext();

        var nested = await db.WriteInTurnAsync(() => db.WriteInTurnAsync(() => Task.FromResult("inner"), default), default)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("inner", nested);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var thread = Environment.CurrentManagedThreadId;
        var ranOn = await db.WriteInTurnAsync(() => Task.FromResult(Environment.CurrentManagedThreadId), default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(thread, ranOn);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
