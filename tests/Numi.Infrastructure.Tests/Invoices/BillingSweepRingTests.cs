using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The sweep goes round the ring of due items from a random one: whatever the start, one run takes every due
/// item exactly once, and two runs at once share the items between them instead of walking them in the same order.</summary>
public sealed class BillingSweepRingTests
{
    private sealed class Tenant : ITenantEntry
    {
        public void Enter(Guid organizationId, string name, string slug) { }
    }

    /// <summary>Items due until worked, read in id order after a key, as the database's keyset queries read them.</summary>
    private sealed class DueSet(int count)
    {
        private readonly Guid[] _ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).Order().ToArray();
        private readonly ConcurrentDictionary<Guid, int> _worked = new();

        public IReadOnlyCollection<int> TimesWorked => _ids.Select(id => _worked.GetValueOrDefault(id)).ToList();

        public Task<List<DueBillingItem>> DueAsync(INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
            Task.FromResult(_ids.Where(id => !_worked.ContainsKey(id) && (after is null || id.CompareTo(after.Value) > 0)).Take(batchSize)
                .Select(id => new DueBillingItem(id, Guid.Empty, "Org", "org")).ToList());

        public async Task<BillingOutcome> WorkAsync(string runner, Guid id)
        {
            await Task.Yield();
            var times = _worked.AddOrUpdate(id, 1, (_, n) => n + 1);
            return times > 1 ? new BillingOutcome(BillingResult.Skipped, $"done before {runner} came") : new BillingOutcome(BillingResult.Paid);
        }
    }

    private static ServiceProvider Scopes() => new ServiceCollection().AddScoped<ITenantEntry, Tenant>().BuildServiceProvider();

    [Fact]
    public async Task Whatever_the_random_start_one_run_takes_every_due_item_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var scopes = Scopes();
        for (var run = 0; run < 20; run++)
        {
            var due = new DueSet(2 * BillingSweep.BatchSize + 51);
            await using var db = database.CreateContext();
            var sweep = new BillingSweep(db, scopes.GetRequiredService<IServiceScopeFactory>(), new ControllableClock(TimeProvider.System, controllable: false));

            var result = await sweep.RunAsync("ring", "sub", due.DueAsync, (_, id, _) => due.WorkAsync("one", id), default);

            Assert.All(due.TimesWorked, times => Assert.Equal(1, times));
            Assert.Equal((2 * BillingSweep.BatchSize + 51, 2 * BillingSweep.BatchSize + 51), (result.Examined, result.Succeeded));
        }
    }

    /// <summary>Two runs walking the same order would race for nearly every item (the second finding each one taken);
    /// going round from random starts, and reading afresh after a race, they race for a handful.</summary>
    [Fact]
    public async Task Two_runs_at_once_split_the_due_items_and_race_for_few()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var scopes = Scopes();
        const int Count = 600;
        for (var round = 0; round < 10; round++)
        {
            var due = new DueSet(Count);
            var runs = await Task.WhenAll(new[] { "a", "b" }.Select(runner => Task.Run(async () =>
            {
                await using var db = database.CreateContext();
                var sweep = new BillingSweep(db, scopes.GetRequiredService<IServiceScopeFactory>(), new ControllableClock(TimeProvider.System, controllable: false));
                return await sweep.RunAsync("ring-" + runner, "sub", due.DueAsync, (_, id, _) => due.WorkAsync(runner, id), splitOnRace: true, default);
            })));

            Assert.Equal(Count, runs.Sum(r => r.Succeeded));
            Assert.All(due.TimesWorked, times => Assert.InRange(times, 1, 2));
            Assert.True(runs.Sum(r => r.Skipped) <= 30, $"round {round}: {string.Join(", ", runs.Select(r => $"{r.Succeeded} done, {r.Skipped} raced"))}");
        }
    }
}
