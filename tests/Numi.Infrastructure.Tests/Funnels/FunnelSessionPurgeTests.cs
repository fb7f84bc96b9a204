using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Funnels;
using Numi.Core.Clocks;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Maintenance;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The housekeeping job's purge of funnel sessions on both providers: a session untouched past the retention
/// goes, with its events and rollup firsts; a later one stays; the analytics, read from the daily rollup, still show
/// the purged session's visit and order.</summary>
public sealed class FunnelSessionPurgeTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sessions_untouched_past_the_retention_go_with_their_events_and_the_analytics_keep_their_figures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, checkout, published) = await funnels.PublishedWithVariantAsync(seeded.A);
        var longAgo = Day - Retention - TimeSpan.FromDays(10);
        var (old, recent) = await funnels.InAsync(seeded.A.Id, async (db, _) =>
        {
            var events = new List<FunnelEvent>();
            FunnelSession Paid(string visitor, DateTime at)
            {
                var session = FunnelSession.Start(seeded.A.Id, funnel.Id, published.PublishedVersionId!.Value, visitor, checkout, at);
                db.FunnelSessions.Add(session);
                events.Add(FunnelEvent.Of(session, checkout, "control", FunnelEventKind.StepViewed, at));
                events.Add(FunnelEvent.Of(session, checkout, "control", FunnelEventKind.OrderCompleted, at.AddMinutes(1), 2000, "usd"));
                return session;
            }
            var sessions = (Paid("old", longAgo), Paid("recent", Day.AddDays(-1)));
            await db.AddFunnelEventsOfAnyOrganizationAsync(events, default);
            await db.SaveChangesAsync();
            return sessions;
        });
        var before = await StatsAsync(funnels, seeded.A.Id, funnel.Id, longAgo);
        Assert.Equal((1L, 1L, 2000L), (before.Visitors, before.Orders, before.Revenue.Single().Amount));

        // The seeded organizations hold recent funnel sessions of their own, which stay too.
        var stored = await SessionIdsAsync(database);
        Assert.Contains(old.Id, stored);

        PurgedRecords purged;
        await using (var db = database.CreateContext())
            purged = await new PurgeExpiredRecordsHandler(db, new FakeTimeProvider(Day)).HandleAsync(new PurgeExpiredRecords(TimeSpan.FromDays(30), Retention), default);

        Assert.Equal(1, purged.FunnelSessions);
        await using (var check = database.CreateContext())
        {
            Assert.Equal(stored.Where(id => id != old.Id).Order(), (await SessionIdsAsync(database)).Order());
            var events = await check.FunnelEvents.IgnoreQueryFilters().Select(e => e.FunnelSessionId).ToListAsync();
            Assert.DoesNotContain(old.Id, events);
            Assert.Equal(2, events.Count(id => id == recent.Id));
            Assert.DoesNotContain(old.Id, await check.FunnelSessionFirsts.IgnoreQueryFilters().Select(f => f.FunnelSessionId).ToListAsync());
            Assert.Contains(recent.Id, await check.FunnelSessionFirsts.IgnoreQueryFilters().Select(f => f.FunnelSessionId).ToListAsync());
        }
        var after = await StatsAsync(funnels, seeded.A.Id, funnel.Id, longAgo);
        Assert.Equal((before.Visitors, before.Orders, before.Revenue.Single()), (after.Visitors, after.Orders, after.Revenue.Single()));
    }

    /// <summary>The purge's search for old sessions goes through the index on <c>UpdatedAt</c> rather than a scan of the
    /// table: SQLite's plan says so as it is; PostgreSQL's planner picks a scan for a table this small whatever the
    /// indexes, so its plan is asked with sequential scans discouraged (<c>enable_seqscan = off</c>), which still falls
    /// back to a scan when no index serves the filter.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_search_for_old_sessions_uses_the_index_on_their_last_change(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        if (provider == DatabaseProvider.Postgres) await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        await using var command = db.OldFunnelSessionIds(Day - Retention, 500).CreateDbCommand();
        command.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);

        var text = string.Join("\n", plan);
        Assert.Contains("IX_funnel_sessions_UpdatedAt", text, StringComparison.Ordinal);
        Assert.DoesNotContain(provider == DatabaseProvider.Sqlite ? "SCAN funnel_sessions" : "Seq Scan", text, StringComparison.Ordinal);
    }

    private static async Task<List<Guid>> SessionIdsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.FunnelSessions.IgnoreQueryFilters().Select(s => s.Id).ToListAsync();
    }

    private static async Task<FunnelStats> StatsAsync(FunnelDatabase funnels, Guid organizationId, Guid funnelId, DateTime day) =>
        Succeeded(await funnels.InAsync(organizationId, (db, _) => new ReadFunnelAnalyticsHandler(db, new ControllableClock(SeededCatalog.Clock(), false))
            .HandleAsync(new ReadFunnelAnalytics(funnelId, DateOnly.FromDateTime(day), DateOnly.FromDateTime(day).AddDays(1)), default)));
}
