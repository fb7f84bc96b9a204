using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The analytics' rollup on both providers against the raw events it replaces (<see cref="RawFunnelCounts"/>):
/// mixed traffic over three days (two arms, the control spelled three ways; two currencies; duplicate views; sessions crossing
/// midnight and batches, money stored before the view of its arm, two writers racing) gives the same figures either
/// way, whether written by the event writer's store or filled afterwards by the start-up backfill.</summary>
public sealed class FunnelRollupTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime From = Day.AddDays(-1), To = Day.AddDays(5);
    private const int Sessions = 36, BatchSize = 17;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Batches_written_by_the_store_give_the_raw_events_figures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (funnels, organization, funnel, traffic) = await TrafficAsync(database);
        var batches = traffic.Chunk(BatchSize).Select(b => b.ToList()).ToList();
        // Some orders reach the database before any view of their session: the views bring the money to their arms later.
        var early = traffic.Where(e => e.Kind == FunnelEventKinds.OrderCompleted).Where((_, i) => i % 3 == 0).ToList();
        foreach (var batch in batches) batch.RemoveAll(early.Contains);
        batches[0].AddRange(early);
        // The last two batches race: the second is stored while the first is being saved, and repeats a view the first
        // is the first to store, so both insert the same first.
        var first = batches[^2];
        var repeated = first.First(e => e.Kind == FunnelEventKinds.StepViewed && !batches.SkipLast(2).SelectMany(b => b)
            .Any(x => x.FunnelSessionId == e.FunnelSessionId && x.Kind == e.Kind && x.StepKey == e.StepKey));
        var second = batches[^1].Append(repeated with { }).ToList();
        foreach (var batch in batches.SkipLast(2))
        {
            await using var db = database.CreateContext();
            await new EfFunnelEventStore(db).AppendAsync(batch, default);
        }
        var rival = new StoreDuringSave(() => database.CreateContext(), second);
        await using (var db = database.CreateContext(configure: o => o.AddInterceptors(rival)))
        {
            await new EfFunnelEventStore(db).AppendAsync(first, default);
        }

        Assert.Equal(2, rival.Saves);   // the first save lost the race and was worked out again
        await AssertRollupMatchesRawAsync(funnels, organization, funnel, Sessions);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_backfill_fills_an_empty_rollup_from_stored_events_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (funnels, organization, funnel, traffic) = await TrafficAsync(database);
        await using (var db = database.CreateContext())
        {
            // As before the rollup existed: the events alone (and the seed's rollup rows gone).
            db.FunnelEvents.AddRange(traffic.Select(e => FunnelEvent.Of(e.OrganizationId, e.FunnelId, e.FunnelVersionId, e.FunnelSessionId,
                e.StepKey, e.VariantKey, EfFunnelEventStore.KindOf(e.Kind), e.OccurredAt, e.AmountMinor, e.Currency)));
            await db.SaveChangesAsync();
            await db.FunnelSessionFirsts.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.FunnelDailySessions.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.FunnelDailyRevenue.IgnoreQueryFilters().ExecuteDeleteAsync();
        }

        await using (var db = database.CreateContext())
        {
            // The seeded organizations' sessions (one event each) and the traffic's.
            Assert.Equal(Sessions + 2, await FunnelRollupBackfill.FillAsync(db, default));
            Assert.Equal(0, await FunnelRollupBackfill.FillAsync(db, default));
        }
        await AssertRollupMatchesRawAsync(funnels, organization, funnel, Sessions);
    }

    private static async Task AssertRollupMatchesRawAsync(FunnelDatabase funnels, Guid organization, Guid funnel, long visitors)
    {
        await funnels.InAsync(organization, async (db, _) =>
        {
            var steps = await db.FunnelSteps.AsNoTracking().Where(s => s.FunnelId == funnel).Select(s => s.Key).ToListAsync();
            var arms = steps.SelectMany(s => new[] { (s, StepVariant.ControlKey), (s, "a") }).ToList();

            await RawFunnelCounts.AssertRollupAgreesAsync(db, funnel, From, To, arms);
            Assert.Equal(visitors, (await FunnelRollupCounts.ByKindAsync(db, funnel, From, To, default))[FunnelEventKind.StepViewed]);

            // Day by day, a session counts on the day of its first view only; the raw events count it on each day it came.
            var perDay = new List<(long Rollup, long Raw)>();
            for (var day = From; day < To; day = day.AddDays(1))
            {
                perDay.Add(((await FunnelRollupCounts.ByKindAsync(db, funnel, day, day.AddDays(1), default)).GetValueOrDefault(FunnelEventKind.StepViewed),
                    (await RawFunnelCounts.ByKindAsync(db, funnel, day, day.AddDays(1), default)).GetValueOrDefault(FunnelEventKind.StepViewed)));
            }
            Assert.Equal(visitors, perDay.Sum(d => d.Rollup));
            Assert.True(perDay.Sum(d => d.Raw) > visitors, "The traffic has sessions that span midnight.");
            return 0;
        });
    }

    /// <summary>A published checkout (control and variant <c>a</c>) and thank-you, <see cref="Sessions"/> sessions, and
    /// their events in the order they happened.</summary>
    private static async Task<(FunnelDatabase Funnels, Guid Organization, Guid Funnel, List<AcceptedFunnelEvent> Traffic)> TrafficAsync(TestDatabase database)
    {
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, checkout, published) = await funnels.PublishedWithVariantAsync(seeded.A);
        var thanks = published.OrderedSteps.Last().Key;
        var version = published.PublishedVersionId!.Value;

        var events = new List<AcceptedFunnelEvent>();
        await funnels.InAsync(seeded.A.Id, async (db, _) =>
        {
            for (var i = 0; i < Sessions; i++)
            {
                // Three days, late in the evening, so a duplicate view two hours on falls on the next day for some.
                var start = Day.AddDays(i % 3).AddHours(20 + i % 4);
                var session = FunnelSession.Start(seeded.A.Id, funnel.Id, version, $"visitor-{i}", checkout, start);
                db.FunnelSessions.Add(session);
                var arm = (i % 4) switch { 0 => "a", 1 => "control", 2 => null, _ => "" };
                void Event(string step, string? variant, string kind, double hours, long? amount = null, string? currency = null) =>
                    events.Add(new(session.Id, funnel.Id, version, seeded.A.Id, step, variant, kind, amount, currency, start.AddHours(hours)));

                Event(checkout, arm, FunnelEventKinds.StepViewed, 0);
                if (i % 2 == 0) Event(checkout, arm, FunnelEventKinds.StepViewed, 2);
                if (i % 5 == 4) continue;
                Event(checkout, arm, FunnelEventKinds.CheckoutStarted, 2.5);
                if (i % 5 == 3) continue;
                Event(checkout, arm, FunnelEventKinds.OrderCompleted, 3, 1000 + 10 * i, i % 6 == 0 ? "eur" : "usd");
                Event(checkout, arm, FunnelEventKinds.StepCompleted, 3);
                Event(thanks, null, FunnelEventKinds.StepViewed, 4);
                if (i % 3 == 0) Event(thanks, null, FunnelEventKinds.UpsellAccepted, 4.5, 500, "usd");
                else Event(thanks, null, FunnelEventKinds.UpsellDeclined, 4.5);
            }
            return await db.SaveChangesAsync();
        });
        return (funnels, seeded.A.Id, funnel.Id, [.. events.OrderBy(e => e.OccurredAt)]);
    }

    /// <summary>Stores <paramref name="batch"/> through another context the first time the context it watches saves,
    /// after that context has read the rollup and before it writes: the race of two nodes, made certain.</summary>
    private sealed class StoreDuringSave(Func<NumiDbContext> rivalContext, IReadOnlyList<AcceptedFunnelEvent> batch) : SaveChangesInterceptor
    {
        public int Saves { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (++Saves == 1)
            {
                await using var rival = rivalContext();
                await new EfFunnelEventStore(rival).AppendAsync(batch, cancellationToken);
            }
            return result;
        }
    }
}
