using Numi.Contracts;
using Numi.Core.Clocks;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The analytics query on both providers, over a handful of events whose figures are worked out by hand in
/// the comments.</summary>
public sealed class FunnelAnalyticsTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Visitors_steps_checkouts_revenue_and_arms_are_counted_in_the_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, checkout, published) = await funnels.PublishedWithVariantAsync(seeded.A);
        var thanks = published.OrderedSteps.Last().Key;

        await funnels.InAsync(seeded.A.Id, async (db, _) =>
        {
            FunnelSession Session(int n, DateTime at)
            {
                var session = FunnelSession.Start(seeded.A.Id, funnel.Id, published.PublishedVersionId!.Value, $"visitor-{n}", checkout, at);
                db.FunnelSessions.Add(session);
                return session;
            }
            var events = new List<FunnelEvent>();
            void Event(FunnelSession s, string step, string? arm, FunnelEventKind kind, int minute, long? amount = null, string? currency = null) =>
                events.Add(FunnelEvent.Of(s, step, arm, kind, Day.AddMinutes(minute), amount, currency));

            var s1 = Session(1, Day);   // control (viewed twice), pays $20, goes on to thank-you
            Event(s1, checkout, "control", FunnelEventKind.StepViewed, 1);
            Event(s1, checkout, "control", FunnelEventKind.StepViewed, 2);
            Event(s1, checkout, "control", FunnelEventKind.CheckoutStarted, 3);
            Event(s1, checkout, "control", FunnelEventKind.OrderCompleted, 4, 2000, "usd");
            Event(s1, checkout, "control", FunnelEventKind.StepCompleted, 4);
            Event(s1, thanks, null, FunnelEventKind.StepViewed, 5);
            var s2 = Session(2, Day);   // control without a variant key, starts a checkout, leaves
            Event(s2, checkout, null, FunnelEventKind.StepViewed, 10);
            Event(s2, checkout, null, FunnelEventKind.CheckoutStarted, 11);
            var s3 = Session(3, Day);   // variant a, pays $30 and accepts a $5 upsell
            Event(s3, checkout, "a", FunnelEventKind.StepViewed, 20);
            Event(s3, checkout, "a", FunnelEventKind.CheckoutStarted, 21);
            Event(s3, checkout, "a", FunnelEventKind.OrderCompleted, 22, 3000, "usd");
            Event(s3, checkout, "a", FunnelEventKind.StepCompleted, 22);
            Event(s3, thanks, null, FunnelEventKind.StepViewed, 23);
            Event(s3, thanks, null, FunnelEventKind.UpsellAccepted, 24, 500, "usd");
            var s4 = Session(4, Day);   // variant a, leaves; also seen on a step only an older draft had
            Event(s4, checkout, "a", FunnelEventKind.StepViewed, 30);
            Event(s4, "old", null, FunnelEventKind.StepViewed, 31);
            var s5 = Session(5, Day);   // control, pays €10 (another currency) without a checkout_started
            Event(s5, checkout, "control", FunnelEventKind.StepViewed, 40);
            Event(s5, checkout, "control", FunnelEventKind.OrderCompleted, 41, 1000, "eur");
            Event(s5, checkout, "control", FunnelEventKind.StepCompleted, 41);
            var s6 = Session(6, Day.AddDays(-1));   // the day before the period: not counted
            Event(s6, checkout, "control", FunnelEventKind.StepViewed, -60);
            Event(s6, checkout, "control", FunnelEventKind.OrderCompleted, -59, 9999, "usd");
            // As the event writer stores them: with the analytics' rollup.
            await db.AddFunnelEventsOfAnyOrganizationAsync(events, default);
            return await db.SaveChangesAsync();
        });

        var result = await funnels.InAsync(seeded.A.Id, (db, _) => new ReadFunnelAnalyticsHandler(db, new ControllableClock(SeededCatalog.Clock(), false))
            .HandleAsync(new ReadFunnelAnalytics(funnel.Id, DateOnly.FromDateTime(Day), DateOnly.FromDateTime(Day).AddDays(1)), default));
        var stats = Succeeded(result);

        // Visitors s1..s5; checkouts started s1, s2, s3; orders s1, s3, s5; conversion 3/5.
        Assert.Equal((5L, 3L, 3L, 0.6), (stats.Visitors, stats.CheckoutsStarted, stats.Orders, stats.Conversion));
        // $20 + $30 + $5 and €10; per visitor in dollars: 5500 / 5.
        Assert.Equal([new Money(1000, "eur"), new Money(5500, "usd")], stats.Revenue);
        Assert.Equal(("usd", 1100L), (stats.Currency, stats.RevenuePerVisitorMinor));

        Assert.Equal([checkout, thanks, "old"], stats.Steps.Select(s => s.Key));
        var pay = stats.Steps[0];
        Assert.Equal((5L, 3L, (double?)null, 0L), (pay.Viewed, pay.Completed, pay.ConversionFromPrevious, pay.DropOff));
        // Control: s1, s2, s5 viewed, s1 and s5 completed, $20 (s5 paid in euros). Variant a: s3, s4 viewed, s3 completed, $30 + $5.
        Assert.Equal([("control", 3L, 2L, 2000L), ("a", 2L, 1L, 3500L)], pay.Variants.Select(v => (v.Key, v.Visitors, v.Conversions, v.RevenueMinor)));
        Assert.Null(pay.Variants[0].Comparison);
        var comparison = pay.Variants[1].Comparison!;
        Assert.Equal(("not_enough_data", "control"), (comparison.Verdict, comparison.ControlKey));
        Assert.StartsWith("Not enough data yet:", comparison.Summary, StringComparison.Ordinal);
        Assert.Equal(-0.25, comparison.Uplift!.Value, 10);   // 1/2 against 2/3
        Assert.Null(comparison.PValue);

        Assert.Equal((2L, 0L, 0.4, 3L, true), (stats.Steps[1].Viewed, stats.Steps[1].Completed, stats.Steps[1].ConversionFromPrevious, stats.Steps[1].DropOff, stats.Steps[1].Published));
        Assert.Equal((1L, 0.5, 1L, false, "old"), (stats.Steps[2].Viewed, stats.Steps[2].ConversionFromPrevious, stats.Steps[2].DropOff, stats.Steps[2].Published, stats.Steps[2].Name));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Periods_are_checked_and_another_organizations_funnel_is_not_found(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var (funnel, _) = await funnels.ReadyToPublishAsync(seeded.A);
        Task<Core.Common.Result<Contracts.Funnels.FunnelStats>> Read(Guid organization, DateOnly? from, DateOnly? to) =>
            funnels.InAsync(organization, (db, _) => new ReadFunnelAnalyticsHandler(db, new ControllableClock(SeededCatalog.Clock(), false))
                .HandleAsync(new ReadFunnelAnalytics(funnel.Id, from, to), default));

        var empty = Succeeded(await Read(seeded.A.Id, null, null));
        // The clock reads 22 Nov 2026 13:00: the last 30 days run up to and including that day.
        Assert.Equal((new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 23), 0L), (empty.From, empty.To, empty.Visitors));
        Assert.Equal([0L, 0L], empty.Steps.Select(s => s.Viewed));
        Assert.Equal("from", (await Read(seeded.A.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1))).FirstError.Param);
        Assert.Equal("to", (await Read(seeded.A.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 3))).FirstError.Param);
        Assert.Equal(Core.Common.ErrorCodes.ResourceMissing, (await Read(seeded.B.Id, null, null)).FirstError.Code);
    }
}
