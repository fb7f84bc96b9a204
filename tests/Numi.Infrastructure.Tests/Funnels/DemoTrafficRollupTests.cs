using Numi.Core.Clocks;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Infrastructure.Demo;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The demo's month of Coffee funnel traffic goes through the rollup, and its analytics are those the raw events give.</summary>
public sealed class DemoTrafficRollupTests
{
    [Fact]
    public async Task The_demo_traffic_shows_the_raw_events_figures()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var now = TwoOrganizations.Now;
        var built = await funnels.InAsync(seeded.A.Id, async (db, editor) =>
        {
            var funnel = Funnel.Create(seeded.A.Id, "Coffee", "coffee", now);
            foreach (var type in new[] { FunnelStepType.Landing, FunnelStepType.ProductSelection, FunnelStepType.Checkout, FunnelStepType.Upsell,
                         FunnelStepType.Downsell, FunnelStepType.ThankYou })
                _ = funnel.AddStep(type, null, null).Value;
            var version = FunnelVersion.Create(funnel, 1, funnel.Snapshot(), now);
            db.Funnels.Add(funnel);
            db.FunnelVersions.Add(version);
            await db.SaveChangesAsync();
            return new DemoFunnel.Built(funnel.Id, version.Id, [.. funnel.OrderedSteps.Select(s => s.Key)], "b");
        });
        await funnels.InAsync(seeded.A.Id, async (db, _) =>
        {
            await DemoTraffic.RecordAsync(db, seeded.A.Id, built, new DemoFunnel.Amounts([2400, 2600, 2500], 2900, 600), now, default);
            return 0;
        });

        await funnels.InAsync(seeded.A.Id, async (db, _) =>
        {
            var arms = built.StepKeys.SelectMany(s => new[] { (s, StepVariant.ControlKey), (s, "b") }).ToList();
            // The analytics page's default: the 30 days up to and including today.
            var (from, to) = (now.Date.AddDays(1 - ReadFunnelAnalyticsHandler.DefaultDays), now.Date.AddDays(1));
            await RawFunnelCounts.AssertRollupAgreesAsync(db, built.FunnelId, from, to, arms);
            var stats = Succeeded(await new ReadFunnelAnalyticsHandler(db, new ControllableClock(SeededCatalog.Clock(), false))
                .HandleAsync(new ReadFunnelAnalytics(built.FunnelId), default));
            Assert.Equal((from, to), (stats.From.ToDateTime(TimeOnly.MinValue), stats.To.ToDateTime(TimeOnly.MinValue)));
            // Every visitor of the demo's traffic: it lies wholly inside the default period, whatever the time of day.
            Assert.Equal((await RawFunnelCounts.ByKindAsync(db, built.FunnelId, from, to, default))[FunnelEventKind.StepViewed], stats.Visitors);
            Assert.Equal(DemoTraffic.Sessions, stats.Visitors);
            Assert.Equal(["control", "b"], stats.Steps[0].Variants.Select(v => v.Key));
            return 0;
        });
    }
}
