using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Numi.Core.Clocks;
using Numi.Infrastructure.Clocks;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Clocks;

/// <summary>The shared clock offset on both providers: stored in one row, added to by any node from what is stored (not
/// what it cached), read back by another node's sync, reset, and never moved where the clock is not controllable.</summary>
public sealed class ClockStoreTests
{
    private static readonly DateTimeOffset SystemNow = new(2027, 1, 31, 10, 0, 0, TimeSpan.Zero);

    /// <summary>One web node: its own clock over the shared database.</summary>
    private sealed class Node(TestDatabase database, bool controllable = true)
    {
        public ControllableClock Clock { get; } = new(new FakeTimeProvider(SystemNow), controllable);

        public async Task<T> WithStoreAsync<T>(Func<ClockStore, Task<T>> work)
        {
            await using var db = database.CreateContext();
            return await work(new ClockStore(db, Clock));
        }

        /// <summary>The node's sync, its scopes making stores on this node's clock.</summary>
        public ClockSync Sync()
        {
            var services = new ServiceCollection()
                .AddScoped(_ => database.CreateContext())
                .AddScoped(sp => new ClockStore(sp.GetRequiredService<NumiDbContext>(), Clock))
                .BuildServiceProvider();
            return new ClockSync(services.GetRequiredService<IServiceScopeFactory>(), Clock, NullLogger<ClockSync>.Instance);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_advance_is_stored_and_another_node_takes_it_on_its_next_read(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var one = new Node(database);
        var two = new Node(database);
        Assert.Equal(TimeSpan.Zero, await one.WithStoreAsync(s => s.ReadOffsetAsync(default)));

        var moved = await one.WithStoreAsync(s => s.AdvanceAsync(1, ClockUnit.Months, "admin@example.test", default));

        Assert.Equal(TimeSpan.FromDays(28), moved.Value); // 31 Jan + 1 month = 28 Feb
        Assert.Equal(SystemNow.AddDays(28), one.Clock.GetUtcNow());
        Assert.Equal(SystemNow, two.Clock.GetUtcNow());
        await two.Sync().RefreshAsync(default);
        Assert.Equal(SystemNow.AddDays(28), two.Clock.GetUtcNow());
        await using var db = database.CreateContext();
        var row = await db.Set<ClockSetting>().AsNoTracking().SingleAsync();
        Assert.Equal((ClockSetting.SingleId, 28L * 86_400, "admin@example.test", SystemNow.UtcDateTime), (row.Id, row.OffsetSeconds, row.ChangedBy, row.ChangedAt));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_node_adds_to_the_stored_offset_even_when_its_own_is_stale_and_reset_clears_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var one = new Node(database);
        var two = new Node(database);
        await one.WithStoreAsync(s => s.AdvanceAsync(2, ClockUnit.Days, null, default));

        var moved = await two.WithStoreAsync(s => s.AdvanceAsync(3, ClockUnit.Hours, null, default));

        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromHours(3), moved.Value);
        Assert.Equal(moved.Value, two.Clock.Offset);
        Assert.Equal(moved.Value, await one.WithStoreAsync(s => s.ReadOffsetAsync(default)));

        var reset = await one.WithStoreAsync(s => s.ResetAsync("admin", default));

        Assert.Equal(TimeSpan.Zero, reset.Value);
        Assert.Equal(SystemNow, one.Clock.GetUtcNow());
        await using var db = database.CreateContext();
        Assert.Equal(0, (await db.Set<ClockSetting>().AsNoTracking().SingleAsync()).OffsetSeconds);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Where_the_clock_is_not_controllable_nothing_is_stored_and_a_stored_offset_is_ignored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var test = new Node(database);
        var production = new Node(database, controllable: false);

        var refused = await production.WithStoreAsync(s => s.AdvanceAsync(1, ClockUnit.Days, null, default));
        Assert.False(refused.Succeeded);
        await using (var db = database.CreateContext()) Assert.False(await db.Set<ClockSetting>().AnyAsync());

        await test.WithStoreAsync(s => s.AdvanceAsync(1, ClockUnit.Days, null, default));
        await production.Sync().RefreshAsync(default);

        Assert.Equal(SystemNow, production.Clock.GetUtcNow());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sync_that_cannot_read_keeps_the_last_offset(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var node = new Node(database);
        node.Clock.UseOffset(TimeSpan.FromHours(5));

        // Not migrated: the table is missing, as while a database is briefly away.
        await node.Sync().RefreshAsync(default);

        Assert.Equal(TimeSpan.FromHours(5), node.Clock.Offset);
    }
}
