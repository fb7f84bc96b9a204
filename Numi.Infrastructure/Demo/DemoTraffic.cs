using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Funnels.Experiments;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Demo;

/// <summary>A month of visitors walking the demo Coffee funnel, from a fixed seed so every clone shows the same
/// figures: most leave on the landing, variant B's headline keeps somewhat more of them, about half of those who
/// start a checkout pay, and a quarter of buyers add the grinder (the others are offered filters).</summary>
internal static class DemoTraffic
{
    public const int Sessions = 3000;
    /// <summary>The analytics' default period is the last 30 days counting today, so it starts at midnight 29 days
    /// back: traffic over 29 days lies wholly inside it at any time of day (over 30, a session that began before that
    /// midnight and went on after it was counted for its later steps only, and the funnel's steps stopped narrowing).</summary>
    private const int Days = ReadFunnelAnalyticsHandler.DefaultDays - 1;
    private const string Currency = "usd";

    // Chances per step, by arm where the landing's test makes them differ.
    private const double LandingControl = 0.42, LandingVariant = 0.50, ChoosesRoast = 0.72, StartsCheckout = 0.85, Pays = 0.55,
        TakesGrinder = 0.25, TakesFilters = 0.30;

    public static async Task RecordAsync(NumiDbContext db, Guid organizationId, DemoFunnel.Built funnel, DemoFunnel.Amounts amounts, DateTime now,
        CancellationToken ct)
    {
        var random = new Random(14);
        var keys = funnel.StepKeys;
        var sessions = new List<FunnelSession>(Sessions);
        var events = new List<FunnelEvent>(Sessions * 5);
        for (var i = 0; i < Sessions; i++)
        {
            // Spread over the last 29 days, ending a little before now so nothing lands in the future.
            var at = now.AddMinutes(-random.Next(10, Days * 24 * 60));
            var visitor = $"demo-{i:D5}";
            // The arm the live funnel would show this visitor: the same picker, so the split is the real one.
            var arm = VariantPicker.Pick(visitor, keys[0], [new(StepVariant.ControlKey, 50), new(funnel.VariantKey, 50)]).Key;
            var session = FunnelSession.Start(organizationId, funnel.FunnelId, funnel.VersionId, visitor, keys[0], at);
            session.Variants[keys[0]] = arm;
            sessions.Add(session);
            void Record(int step, FunnelEventKind kind, long? amount = null, string? variant = null)
            {
                at = at.AddSeconds(random.Next(5, 90));
                events.Add(FunnelEvent.Of(session, keys[step], variant, kind, at, amount, amount is null ? null : Currency));
            }

            Record(0, FunnelEventKind.StepViewed, variant: arm);
            if (!Chance(random, arm == StepVariant.ControlKey ? LandingControl : LandingVariant)) continue;
            Record(0, FunnelEventKind.StepCompleted, variant: arm);
            Record(1, FunnelEventKind.StepViewed);
            if (!Chance(random, ChoosesRoast)) continue;
            var roast = amounts.Roasts[random.Next(amounts.Roasts.Length)] * (random.Next(4) == 0 ? 2 : 1);
            Record(1, FunnelEventKind.StepCompleted);
            Record(2, FunnelEventKind.StepViewed);
            if (!Chance(random, StartsCheckout)) continue;
            Record(2, FunnelEventKind.CheckoutStarted);
            if (!Chance(random, Pays)) continue;
            Record(2, FunnelEventKind.OrderCompleted, roast);
            Record(2, FunnelEventKind.StepCompleted);
            Record(3, FunnelEventKind.StepViewed);
            if (Chance(random, TakesGrinder))
            {
                Record(3, FunnelEventKind.UpsellAccepted, amounts.Grinder);
                Record(3, FunnelEventKind.StepCompleted);
            }
            else
            {
                Record(3, FunnelEventKind.UpsellDeclined);
                Record(4, FunnelEventKind.StepViewed);
                if (Chance(random, TakesFilters))
                {
                    Record(4, FunnelEventKind.UpsellAccepted, amounts.Filters);
                    Record(4, FunnelEventKind.StepCompleted);
                }
                else Record(4, FunnelEventKind.UpsellDeclined);
            }
            Record(5, FunnelEventKind.StepViewed);
        }

        // Thousands of rows: tracked entities without change detection, saved in EF's batched inserts, one transaction,
        // with the analytics' rollup the writer would have kept for them.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.FunnelSessions.AddRange(sessions);
            await db.AddFunnelEventsOfAnyOrganizationAsync(events, ct);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.ChangeTracker.Clear();
        }
    }

    private static bool Chance(Random random, double p) => random.NextDouble() < p;
}
