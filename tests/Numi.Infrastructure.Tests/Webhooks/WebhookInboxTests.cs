using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Organizations;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using Numi.Infrastructure.Webhooks;

namespace Numi.Infrastructure.Tests.Webhooks;

/// <summary>The webhook endpoint's store, on both providers: the batched insert (<see cref="WebhookEventInserts"/>, both
/// its <c>ON CONFLICT</c> statement and the one-by-one path SQL Server takes) stores each event once whatever arrives
/// together or races it, and the <see cref="WebhookInbox"/> answers each delivery only after its batch committed.</summary>
public sealed class WebhookInboxTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    public static TheoryData<DatabaseProvider, bool> ProvidersAndPaths => new()
    {
        { DatabaseProvider.Sqlite, true }, { DatabaseProvider.Sqlite, false },
        { DatabaseProvider.Postgres, true }, { DatabaseProvider.Postgres, false },
    };

    private static async Task<(TestDatabase Database, Guid OrganizationId)> ShopAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        // As the app's start-up sets the file: readers never block the writer.
        if (provider == DatabaseProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var shop = Organization.Create("Shop", "shop", "usd", "UTC", Now);
        db.Organizations.Add(shop);
        await db.SaveChangesAsync();
        return (database, shop.Id);
    }

    private static WebhookEvent Event(Guid organizationId, string eventId) =>
        WebhookEvent.Receive(organizationId, "stripe", eventId, "charge.succeeded", $$"""{"id":"{{eventId}}","object":"event"}""", Now);

    /// <summary>Through the statement of the provider (upsert: true) or the one-by-one path SQL Server takes.</summary>
    private static IReadOnlySet<Guid> Insert(NumiDbContext db, DatabaseProvider provider, bool upsert, IReadOnlyList<WebhookEvent> events) =>
        upsert ? WebhookEventInserts.InsertNew(db, provider, events) : WebhookEventInserts.InsertOneByOne(db, events);

    private static async Task<List<WebhookEvent>> StoredAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.WebhookEvents.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.EventId).ToListAsync();
    }

    [Theory, MemberData(nameof(ProvidersAndPaths))]
    public async Task A_batch_stores_each_new_event_once_and_skips_stored_ones_and_repeats(DatabaseProvider provider, bool upsert)
    {
        var (database, shop) = await ShopAsync(provider);
        await using var _ = database;
        await using (var db = database.CreateContext())
        {
            db.WebhookEvents.Add(Event(shop, "evt_a"));
            await db.SaveChangesAsync();
        }
        var (a, b, c, bAgain) = (Event(shop, "evt_a"), Event(shop, "evt_b"), Event(shop, "evt_c"), Event(shop, "evt_b"));

        await using var batch = database.CreateContext();
        var inserted = Insert(batch, provider, upsert, [a, b, c, bAgain]);

        Assert.Equal(new HashSet<Guid> { b.Id, c.Id }, inserted);
        var stored = await StoredAsync(database);
        Assert.Equal(["evt_a", "evt_b", "evt_c"], stored.Select(e => e.EventId));
        var storedB = stored[1];
        Assert.Equal((b.Id, shop, "stripe", "charge.succeeded", b.Payload, Now, 0, (DateTime?)null), (storedB.Id, storedB.OrganizationId, storedB.Provider,
            storedB.Type, storedB.Payload, storedB.ReceivedAt, storedB.Attempts, storedB.ProcessedAt));
        Assert.Null(storedB.NextAttemptAt);
    }

    [Theory, MemberData(nameof(ProvidersAndPaths))]
    public async Task Batches_racing_with_the_same_events_store_each_once_and_one_of_them_calls_it_new(DatabaseProvider provider, bool upsert)
    {
        var (database, shop) = await ShopAsync(provider);
        await using var _ = database;
        var ids = Enumerable.Range(0, 200).Select(i => $"evt_race_{i:000}").ToList();
        using var start = new Barrier(4);

        // Each batch in its own order and its own transaction, as the inboxes of several nodes would be: sharing keys,
        // they must wait for one another, never deadlock.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(seed => Task.Factory.StartNew(() =>
        {
            var events = ids.Select(id => Event(shop, id)).ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events));
            using var db = database.CreateContext();
            db.Database.OpenConnection();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            using var transaction = db.Database.BeginTransaction();
            var inserted = Insert(db, provider, upsert, events);
            transaction.Commit();
            return events.Where(e => inserted.Contains(e.Id)).Select(e => e.EventId).ToList();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        Assert.Equal(ids.Order(), results.SelectMany(r => r).Order());
        Assert.Equal(ids.Order(), (await StoredAsync(database)).Select(e => e.EventId).Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_one_by_one_path_takes_an_event_stored_between_its_check_and_its_insert_as_a_duplicate(DatabaseProvider provider)
    {
        var (database, shop) = await ShopAsync(provider);
        await using var _ = database;
        var race = new StoreAfterTheCheck(database, Event(shop, "evt_b"));
        var (a, b, c) = (Event(shop, "evt_a"), Event(shop, "evt_b"), Event(shop, "evt_c"));

        await using var db = database.CreateContext(configure: options => options.AddInterceptors(race));
        var inserted = WebhookEventInserts.InsertOneByOne(db, [a, b, c]);

        Assert.True(race.Stored);
        Assert.Equal(new HashSet<Guid> { a.Id, c.Id }, inserted);
        Assert.Equal(["evt_a", "evt_b", "evt_c"], (await StoredAsync(database)).Select(e => e.EventId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_deliveries_are_stored_in_few_batches_and_each_is_told_whether_it_was_new(DatabaseProvider provider)
    {
        var (database, shop) = await ShopAsync(provider);
        await using var _ = database;
        var inserts = new CountInserts();
        await using var sp = Services(database, inserts);
        var inbox = sp.GetRequiredService<WebhookInbox>();
        await inbox.StartAsync(default);

        var distinct = Enumerable.Range(0, 200).Select(i => inbox.StoreAsync(Event(shop, $"evt_many_{i}"), default)).ToList();
        var same = Enumerable.Range(0, 20).Select(_ => inbox.StoreAsync(Event(shop, "evt_same"), default)).ToList();
        var duplicates = await Task.WhenAll(distinct.Concat(same));
        await inbox.StopAsync(default);

        Assert.All(duplicates.Take(200), Assert.False);
        Assert.Single(duplicates.Skip(200), duplicate => !duplicate);
        Assert.Equal(201, (await StoredAsync(database)).Count);
        Assert.InRange(inserts.Count, 1, 20);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failing_batch_fails_each_of_its_deliveries_stores_none_and_the_next_batch_goes_in(DatabaseProvider provider)
    {
        var (database, shop) = await ShopAsync(provider);
        await using var _ = database;
        await using var sp = Services(database, new FailAfterInsert("evt_poison"));
        var inbox = sp.GetRequiredService<WebhookInbox>();
        // Queued before the writer starts, so they are one batch.
        var deliveries = Enumerable.Range(0, 9).Select(i => inbox.StoreAsync(Event(shop, $"evt_ok_{i}"), default))
            .Append(inbox.StoreAsync(Event(shop, "evt_poison"), default)).ToList();
        Assert.Equal(10, inbox.Queued);

        await inbox.StartAsync(default);

        foreach (var delivery in deliveries)
            Assert.IsType<InvalidOperationException>((await Assert.ThrowsAsync<WebhookNotStoredException>(() => delivery)).InnerException);
        Assert.Empty(await StoredAsync(database));
        Assert.False(await inbox.StoreAsync(Event(shop, "evt_ok_0"), default));
        await inbox.StopAsync(default);
        Assert.Equal(["evt_ok_0"], (await StoredAsync(database)).Select(e => e.EventId));
    }

    [Fact]
    public async Task Stopping_writes_what_is_queued_and_refuses_what_comes_after()
    {
        var (database, shop) = await ShopAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var sp = Services(database);
        var inbox = sp.GetRequiredService<WebhookInbox>();
        var queued = Enumerable.Range(0, 50).Select(i => inbox.StoreAsync(Event(shop, $"evt_queued_{i}"), default)).ToList();

        await inbox.StartAsync(default);
        await inbox.StopAsync(default);

        Assert.All(queued, delivery => Assert.True(delivery.IsCompletedSuccessfully));
        Assert.Equal(50, (await StoredAsync(database)).Count);
        await Assert.ThrowsAsync<WebhookNotStoredException>(() => inbox.StoreAsync(Event(shop, "evt_late"), default));
    }

    [Fact]
    public async Task On_sqlite_in_wal_mode_the_inbox_syncs_the_log_after_each_commit_and_leaves_synchronous_normal()
    {
        var (database, shop) = await ShopAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        var commands = new RecordCommands();
        await using var sp = Services(database, commands);
        var inbox = sp.GetRequiredService<WebhookInbox>();
        await inbox.StartAsync(default);

        await inbox.StoreAsync(Event(shop, "evt_durable"), default);
        await inbox.StoreAsync(Event(shop, "evt_durable_too"), default);
        await inbox.StopAsync(default);

        Assert.Equal(2, inbox.LogSyncs);
        Assert.DoesNotContain(commands.Texts, t => t.Contains("synchronous", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task On_sqlite_without_a_write_ahead_log_the_inbox_commits_with_synchronous_full()
    {
        var (database, shop) = await ShopAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using (var db = database.CreateContext())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;");
        var commands = new RecordCommands();
        await using var sp = Services(database, commands);
        var inbox = sp.GetRequiredService<WebhookInbox>();
        await inbox.StartAsync(default);

        await inbox.StoreAsync(Event(shop, "evt_durable"), default);
        await inbox.StopAsync(default);

        var full = commands.Texts.FindIndex(t => t.Contains("PRAGMA synchronous=FULL", StringComparison.Ordinal));
        var insert = commands.Texts.FindIndex(t => t.StartsWith("INSERT INTO \"webhook_events\"", StringComparison.Ordinal));
        Assert.InRange(full, 0, insert - 1);
        Assert.Equal(0, inbox.LogSyncs);
    }

    private static ServiceProvider Services(TestDatabase database, params IInterceptor[] interceptors)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database.Options);
        services.AddNumiDbContext(database.Options, (_, options) => options.AddInterceptors(interceptors));
        services.AddSingleton<WebhookInbox>();
        return services.BuildServiceProvider();
    }

    private static bool IsInsert(DbCommand command) => command.CommandText.StartsWith("INSERT INTO", StringComparison.OrdinalIgnoreCase);

    private sealed class CountInserts : DbCommandInterceptor
    {
        private int _count;
        public int Count => _count;

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            if (IsInsert(command)) Interlocked.Increment(ref _count);
            return result;
        }
    }

    private sealed class RecordCommands : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();
        public List<string> Texts => [.. _texts];

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            _texts.Enqueue(command.CommandText);
            return result;
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _texts.Enqueue(command.CommandText);
            return result;
        }
    }

    /// <summary>Fails the insert holding the marked event after the database ran it, as a full disk or a lost connection
    /// would at the last moment: whatever the statement wrote must not stay.</summary>
    private sealed class FailAfterInsert(string eventId) : DbCommandInterceptor
    {
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
            IsInsert(command) && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, eventId))
                ? throw new InvalidOperationException("The disk is full.")
                : result;
    }

    /// <summary>Another node stores an event right after the one-by-one path checked which events exist.</summary>
    private sealed class StoreAfterTheCheck(TestDatabase database, WebhookEvent theirs) : DbCommandInterceptor
    {
        public bool Stored { get; private set; }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            if (Stored || !command.CommandText.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) return result;
            Stored = true;
            using var other = database.CreateContext();
            other.WebhookEvents.Add(theirs);
            other.SaveChanges();
            return result;
        }
    }
}
