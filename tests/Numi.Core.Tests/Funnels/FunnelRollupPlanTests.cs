using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using static Numi.Core.Funnels.FunnelEventKind;

namespace Numi.Core.Tests.Funnels;

/// <summary>The rollup's rules on one batch, without a database: firsts, the day a session counts on, and where money goes.</summary>
public sealed class FunnelRollupPlanTests
{
    private static readonly Guid Organization = Guid.CreateVersion7(), Funnel = Guid.CreateVersion7(), Version = Guid.CreateVersion7();
    private static readonly DateTime Day1 = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), Day2 = Day1.AddDays(1);
    private const string Any = FunnelRollup.AnyStep;

    private static FunnelEvent Event(Guid session, string step, string? variant, FunnelEventKind kind, DateTime at, long? amount = null,
        string? currency = null) => FunnelEvent.Of(Organization, Funnel, Version, session, step, variant, kind, at, amount, currency);

    private static FunnelDayKey Day(DateTime day, FunnelEventKind kind, string step, string arm) => new(Organization, Funnel, day, kind, step, arm);

    private static FunnelMoneyKey Money(DateTime day, string step, string arm, string currency = "usd") => new(Organization, Funnel, day, step, arm, currency);

    [Fact]
    public void A_session_counts_once_per_kind_step_and_arm_on_the_day_of_its_earliest_event_in_the_batch()
    {
        var s = Guid.CreateVersion7();
        // Out of order in the batch, the same view three times over two days, the control under three spellings.
        var plan = FunnelRollupPlan.Of([
            Event(s, "landing", null, StepViewed, Day2.AddHours(1)),
            Event(s, "landing", "control", StepViewed, Day1.AddHours(23)),
            Event(s, "landing", "", StepViewed, Day2.AddHours(2)),
            Event(s, "landing", "b", StepCompleted, Day2.AddHours(3)),
            Event(s, "landing", "b", UpsellDeclined, Day2.AddHours(4)),
        ], new HashSet<FunnelFirstKey>());

        Assert.Equal(new Dictionary<FunnelDayKey, long>
        {
            [Day(Day1, StepViewed, "landing", "control")] = 1,
            [Day(Day1, StepViewed, Any, Any)] = 1,
            [Day(Day2, StepCompleted, "landing", "b")] = 1,
        }, plan.Sessions);
        Assert.Equal(3, plan.NewFirsts.Count());
        Assert.Empty(plan.Revenue);
    }

    [Fact]
    public void Firsts_already_stored_are_neither_inserted_nor_counted_again()
    {
        var s = Guid.CreateVersion7();
        var stored = new HashSet<FunnelFirstKey> { new(s, StepViewed, "landing", "control"), new(s, StepViewed, Any, Any) };

        var plan = FunnelRollupPlan.Of([Event(s, "landing", null, StepViewed, Day2), Event(s, "pay", null, StepViewed, Day2)], stored);

        Assert.Equal([new FunnelFirstKey(s, StepViewed, "pay", "control")],
            plan.NewFirsts.Select(f => new FunnelFirstKey(f.FunnelSessionId, f.Kind, f.StepKey, f.ArmKey)));
        Assert.Equal(new Dictionary<FunnelDayKey, long> { [Day(Day2, StepViewed, "pay", "control")] = 1 }, plan.Sessions);
    }

    [Fact]
    public void Money_counts_on_its_day_for_the_funnel_and_every_arm_the_session_was_shown_stored_or_in_the_batch()
    {
        var (s, t) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var stored = new HashSet<FunnelFirstKey> { new(s, StepViewed, "landing", "b"), new(s, StepViewed, Any, Any) };

        var plan = FunnelRollupPlan.Of([
            Event(s, "pay", null, OrderCompleted, Day2, 2000, "usd"),
            Event(s, "pay", null, StepViewed, Day2),
            Event(s, "grinder", null, UpsellAccepted, Day2, 500, "usd"),
            Event(t, "pay", null, OrderCompleted, Day1, 1000, "eur"),
            Event(t, "pay", null, OrderCompleted, Day1),   // no amount: an order, no money
        ], stored);

        Assert.Equal(new Dictionary<FunnelMoneyKey, long>
        {
            [Money(Day2, Any, Any)] = 2500,
            [Money(Day2, "landing", "b")] = 2500,
            [Money(Day2, "pay", "control")] = 2500,
            [Money(Day1, Any, Any, "eur")] = 1000,
        }, plan.Revenue);
        Assert.Equal(1, plan.Sessions[Day(Day1, OrderCompleted, Any, Any)]);
        Assert.Equal(1, plan.Sessions[Day(Day2, UpsellAccepted, Any, Any)]);
    }

    [Fact]
    public void Money_paid_in_an_earlier_batch_goes_to_an_arm_first_shown_in_this_one()
    {
        var (paid, unpaid) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var stored = new HashSet<FunnelFirstKey>
        {
            new(paid, StepViewed, "pay", "control"), new(paid, OrderCompleted, Any, Any),
            new(unpaid, StepViewed, "pay", "control"),
        };
        var plan = FunnelRollupPlan.Of([
            Event(paid, "thanks", "a", StepViewed, Day2),
            Event(paid, "pay", null, StepViewed, Day2),   // already shown: not new, gets nothing more
            Event(unpaid, "thanks", null, StepViewed, Day2),
        ], stored);

        Assert.Equal([paid], plan.SessionsWithEarlierMoney);
        plan.AddEarlierMoney([
            Event(paid, "pay", null, OrderCompleted, Day1, 2000, "usd"),
            Event(paid, "pay", null, CheckoutStarted, Day1),
        ]);

        Assert.Equal(new Dictionary<FunnelMoneyKey, long> { [Money(Day1, "thanks", "a")] = 2000 }, plan.Revenue);
    }
}
