using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Demo;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Persistence;

namespace Numi.Bench;

/// <summary>What the rollup costs the event writer: batches of 500 events of new visitors walking the funnel today,
/// stored into the large database in turns, one as before the rollup (the events alone, in one SaveChanges), the next
/// as now (<see cref="EfFunnelEventStore"/>: events and rollup in one SaveChanges), so a change in the machine's load
/// weighs on both alike. Each batch's sessions are inserted beforehand, outside the timing. The events-alone batches
/// run without the event index the rollup's migration dropped, so they are a little cheaper than the old writer was.</summary>
internal static class FunnelBatchCost
{
    private const int BatchSize = 500, Batches = 15;

    public static async Task MeasureAsync(Func<ServiceProvider> provider, Guid organizationId, DemoFunnel.Built funnel, DateTime now)
    {
        await using var services = provider();
        var random = new Random(15);
        var (alone, rolled) = (new List<double>(), new List<double>());
        // One more pair than measured: the first of each kind compiles EF's queries.
        for (var i = 0; i <= Batches; i++)
        {
            var eventsAlone = await TimeAsync(services, random, organizationId, funnel, now.AddMinutes(i), rollup: false);
            var withRollup = await TimeAsync(services, random, organizationId, funnel, now.AddMinutes(i).AddSeconds(30), rollup: true);
            if (i == 0) continue;
            alone.Add(eventsAlone);
            rolled.Add(withRollup);
        }
        Console.WriteLine($"a batch of {BatchSize} events, median of {Batches} (min-max), in turns: the events alone {Median(alone)}, " +
            $"with the rollup {Median(rolled)}");
    }

    private static string Median(List<double> ms)
    {
        ms.Sort();
        return $"{ms[ms.Count / 2]:F1} ms ({ms[0]:F1}-{ms[^1]:F1})";
    }

    private static async Task<double> TimeAsync(ServiceProvider services, Random random, Guid organizationId, DemoFunnel.Built funnel,
        DateTime start, bool rollup)
    {
        var batch = await SessionsAsync(services, random, organizationId, funnel, start);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        var watch = Stopwatch.StartNew();
        if (rollup) await new EfFunnelEventStore(db).AppendAsync(batch, default);
        else
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.FunnelEvents.AddRange(batch.Select(e => FunnelEvent.Of(e.OrganizationId, e.FunnelId, e.FunnelVersionId, e.FunnelSessionId, e.StepKey,
                e.VariantKey, EfFunnelEventStore.KindOf(e.Kind), e.OccurredAt, e.AmountMinor, e.Currency)));
            await db.SaveInTurnAsync(default);
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The sessions of one batch, stored; their first <see cref="BatchSize"/> events, to be timed.</summary>
    private static async Task<List<AcceptedFunnelEvent>> SessionsAsync(ServiceProvider services, Random random, Guid organizationId,
        DemoFunnel.Built funnel, DateTime start)
    {
        var events = new List<AcceptedFunnelEvent>(BatchSize);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        while (events.Count < BatchSize)
        {
            var walk = FunnelWalks.Next(random, organizationId, funnel, start.AddSeconds(events.Count));
            var session = FunnelSession.Start(organizationId, funnel.FunnelId, funnel.VersionId, $"batch-{walk.SessionId}", funnel.StepKeys[0], start);
            db.FunnelSessions.Add(session);
            events.AddRange(walk.Events.Take(BatchSize - events.Count).Select(e => e with { FunnelSessionId = session.Id }));
        }
        await db.SaveChangesAsync();
        return events;
    }
}
