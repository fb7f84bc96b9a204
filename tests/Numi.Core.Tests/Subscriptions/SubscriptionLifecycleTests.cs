using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>Every merchant transition from every status: what succeeds changes the status as Stripe would and writes one
/// timeline event; what does not is a typed error and changes nothing.</summary>
public sealed class SubscriptionLifecycleTests
{
    private static readonly DateTime Start = new(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Start.AddDays(3);

    private static Subscription NewSubscription(SubscriptionStatus status = SubscriptionStatus.Active, int quantity = 2)
    {
        var price = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(1_000), PriceScope.List, null, null, Start);
        var line = OrderLine.Create("club", price.ProductId, price.Id, "Club", price.Summary, quantity, 1_000 * quantity, true);
        var order = Order.Create(1001, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new CheckoutCart("usd", [], 1_000 * quantity), "pi_1", null, null, [line], Start);
        var subscription = Subscription.Start(order, line, price, Start);
        subscription.SetStatusForTests(status);
        return subscription;
    }

    private static void AssertRefused(Result<SubscriptionEvent> result, Subscription subscription, SubscriptionStatus status, string code = ErrorCodes.StateConflict)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(code, result.FirstError.Code);
        Assert.Equal(status, subscription.Status);
        Assert.Empty(subscription.Events);
    }

    [Theory, MemberData(nameof(AllBut), SubscriptionStatus.Canceled)]
    public void Canceling_now_ends_any_subscription_not_yet_canceled(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);

        var change = subscription.Cancel(Later, atPeriodEnd: false, "customer asked").Value;

        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Equal((Later, Later, false), (subscription.CanceledAt, subscription.EndedAt, subscription.CancelAtPeriodEnd));
        Assert.Equal((SubscriptionEventType.Canceled, status, SubscriptionStatus.Canceled, "customer asked", Later),
            (change.Type, change.FromStatus, change.ToStatus, change.Note, change.CreatedAt));
        Assert.Same(change, Assert.Single(subscription.Events));
        Assert.Equal(subscription.Id, change.SubscriptionId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_canceled_subscription_cannot_be_canceled_again(bool atPeriodEnd)
    {
        var subscription = NewSubscription(SubscriptionStatus.Canceled);
        AssertRefused(subscription.Cancel(Later, atPeriodEnd), subscription, SubscriptionStatus.Canceled);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Trialing)]
    [InlineData(SubscriptionStatus.PastDue)]
    public void Canceling_at_the_period_end_keeps_the_status_and_flags_it(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);

        var change = subscription.Cancel(Later, atPeriodEnd: true).Value;

        Assert.Equal(status, subscription.Status);
        Assert.True(subscription.CancelAtPeriodEnd);
        Assert.Equal((Later, (DateTime?)null), (subscription.CanceledAt, subscription.EndedAt));
        Assert.Equal((SubscriptionEventType.CancelScheduled, status, status), (change.Type, change.FromStatus, change.ToStatus));
        Assert.Null(change.Note);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Paused)]
    [InlineData(SubscriptionStatus.Unpaid)]
    [InlineData(SubscriptionStatus.Incomplete)]
    public void Without_a_running_period_there_is_no_period_end_to_cancel_at(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);
        var result = subscription.Cancel(Later, atPeriodEnd: true);
        AssertRefused(result, subscription, status);
        Assert.Equal("at_period_end", result.FirstError.Param);
        Assert.False(subscription.CancelAtPeriodEnd);
    }

    [Fact]
    public void Canceling_at_the_period_end_twice_is_refused_and_writes_one_event()
    {
        var subscription = NewSubscription();
        Assert.True(subscription.Cancel(Start, atPeriodEnd: true).Succeeded);

        var again = subscription.Cancel(Later, atPeriodEnd: true);

        Assert.Equal(ErrorCodes.StateConflict, again.FirstError.Code);
        Assert.Equal(Start, subscription.CanceledAt);
        Assert.Single(subscription.Events);
    }

    [Fact]
    public void Canceling_now_after_a_scheduled_cancel_ends_it_now_and_clears_the_flag()
    {
        var subscription = NewSubscription();
        subscription.Cancel(Start, atPeriodEnd: true);

        subscription.Cancel(Later, atPeriodEnd: false);

        Assert.Equal((SubscriptionStatus.Canceled, false, Later), (subscription.Status, subscription.CancelAtPeriodEnd, subscription.EndedAt));
        Assert.Equal([SubscriptionEventType.CancelScheduled, SubscriptionEventType.Canceled], subscription.Events.Select(e => e.Type));
    }

    [Fact]
    public void Undoing_a_scheduled_cancel_clears_it_and_is_recorded()
    {
        var subscription = NewSubscription();
        subscription.Cancel(Start, atPeriodEnd: true);

        var change = subscription.UndoCancel(Later, "changed their mind").Value;

        Assert.Equal((SubscriptionStatus.Active, false, (DateTime?)null), (subscription.Status, subscription.CancelAtPeriodEnd, subscription.CanceledAt));
        Assert.Equal((SubscriptionEventType.CancelUndone, "changed their mind"), (change.Type, change.Note));
        Assert.Equal(2, subscription.Events.Count);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Paused)]
    [InlineData(SubscriptionStatus.Canceled)]
    public void There_is_nothing_to_undo_without_a_scheduled_cancel(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);
        AssertRefused(subscription.UndoCancel(Later), subscription, status);
    }

    [Fact]
    public void Pausing_an_active_subscription_then_resuming_it_records_both()
    {
        var subscription = NewSubscription();

        var paused = subscription.Pause(Start).Value;
        Assert.Equal((SubscriptionStatus.Paused, (DateTime?)Start), (subscription.Status, subscription.PausedAt));
        var resumed = subscription.Resume(Later).Value;

        Assert.Equal((SubscriptionStatus.Active, (DateTime?)null), (subscription.Status, subscription.PausedAt));
        Assert.Equal((SubscriptionStatus.Active, SubscriptionStatus.Paused), (paused.FromStatus, paused.ToStatus));
        Assert.Equal((SubscriptionStatus.Paused, SubscriptionStatus.Active), (resumed.FromStatus, resumed.ToStatus));
        Assert.Equal([SubscriptionEventType.Paused, SubscriptionEventType.Resumed], subscription.Events.Select(e => e.Type));
    }

    /// <summary>Every status but <paramref name="allowed"/>: a status added later is covered without editing the tests.</summary>
    public static TheoryData<SubscriptionStatus> AllBut(SubscriptionStatus allowed) => [.. Enum.GetValues<SubscriptionStatus>().Where(s => s != allowed)];

    [Theory, MemberData(nameof(AllBut), SubscriptionStatus.Active)]
    public void Only_an_active_subscription_can_be_paused(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);
        AssertRefused(subscription.Pause(Later), subscription, status);
    }

    [Fact]
    public void A_subscription_set_to_cancel_cannot_be_paused()
    {
        var subscription = NewSubscription();
        subscription.Cancel(Start, atPeriodEnd: true);

        Assert.Equal(ErrorCodes.StateConflict, subscription.Pause(Later).FirstError.Code);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
    }

    [Theory, MemberData(nameof(AllBut), SubscriptionStatus.Paused)]
    public void Only_a_paused_subscription_can_be_resumed(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);
        AssertRefused(subscription.Resume(Later), subscription, status);
    }

    [Theory, MemberData(nameof(AllBut), SubscriptionStatus.Canceled)]
    public void A_new_card_is_what_renewals_charge_and_keeps_the_status(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);

        var change = subscription.ChangePaymentMethod("pm_card_mastercard", "mastercard •••• 4444", Later, "by the customer").Value;

        Assert.Equal("pm_card_mastercard", subscription.PaymentMethod);
        Assert.Equal(status, subscription.Status);
        Assert.Equal((SubscriptionEventType.PaymentMethodChanged, status, status, "card mastercard •••• 4444", "by the customer"),
            (change.Type, change.FromStatus, change.ToStatus, change.Detail, change.Note));
        Assert.Same(change, Assert.Single(subscription.Events));
    }

    [Fact]
    public void A_canceled_subscription_keeps_its_card()
    {
        var subscription = NewSubscription(SubscriptionStatus.Canceled);
        var before = subscription.PaymentMethod;

        AssertRefused(subscription.ChangePaymentMethod("pm_card_mastercard", "mastercard •••• 4444", Later), subscription, SubscriptionStatus.Canceled);
        Assert.Equal(before, subscription.PaymentMethod);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Trialing)]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Paused)]
    [InlineData(SubscriptionStatus.Unpaid)]
    public void Changing_the_quantity_sets_the_amount_and_records_both_quantities(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status, quantity: 2);

        var change = subscription.ChangeQuantity(3, 3_000, Later).Value;

        Assert.Equal((3, 3_000L, status), (subscription.Quantity, subscription.Amount, subscription.Status));
        Assert.Equal((SubscriptionEventType.QuantityChanged, "quantity 2 → 3"), (change.Type, change.Detail));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Canceled)]
    [InlineData(SubscriptionStatus.Incomplete)]
    public void The_quantity_of_a_canceled_or_incomplete_subscription_cannot_change(SubscriptionStatus status)
    {
        var subscription = NewSubscription(status);
        AssertRefused(subscription.ChangeQuantity(3, 3_000, Later), subscription, status);
        Assert.Equal(2, subscription.Quantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Subscription.MaxQuantity + 1)]
    [InlineData(2)]
    public void A_quantity_out_of_range_or_unchanged_is_invalid(int quantity)
    {
        var subscription = NewSubscription(quantity: 2);
        var result = subscription.ChangeQuantity(quantity, 5_000, Later);
        AssertRefused(result, subscription, SubscriptionStatus.Active, ErrorCodes.ParameterInvalid);
        Assert.Equal(("quantity", 2_000L), (result.FirstError.Param, subscription.Amount));
    }

    /// <summary>A subscription with <paramref name="paid"/> periods paid (the checkout's and renewals after it).</summary>
    private static Subscription Paid(int paid, SubscriptionStatus status = SubscriptionStatus.Active)
    {
        var subscription = NewSubscription();
        for (var cycle = 2; cycle <= paid; cycle++)
        {
            var (_, start, end) = subscription.NextPeriod();
            subscription.RenewalPaid(start, end, "INV-00000" + cycle, Start);
        }
        subscription.SetStatusForTests(status);
        subscription.Events.Clear();
        return subscription;
    }

    [Theory, MemberData(nameof(AllBut), SubscriptionStatus.Canceled)]
    public void Ending_after_a_number_of_paid_periods_is_set_then_changed_then_removed_each_recorded(SubscriptionStatus status)
    {
        var subscription = Paid(3, status);

        var set = subscription.SetCancelAfterCycles(6, Later, "customer asked").Value;
        Assert.Equal((6, status, false), (subscription.CancelAfterCycles, subscription.Status, subscription.EndsAtPeriodEnd));
        Assert.Equal((SubscriptionEventType.CancelAfterCyclesChanged, status, status, "ends after 6 paid periods", "customer asked"),
            (set.Type, set.FromStatus, set.ToStatus, set.Detail, set.Note));
        var changed = subscription.SetCancelAfterCycles(4, Later).Value;
        Assert.Equal((4, "ends after 4 paid periods (was 6)"), (subscription.CancelAfterCycles, changed.Detail));
        var removed = subscription.SetCancelAfterCycles(null, Later).Value;
        Assert.Equal(((int?)null, "no longer ends after 4 paid periods"), (subscription.CancelAfterCycles, removed.Detail));
        Assert.Equal([set, changed, removed], subscription.Events);
    }

    [Fact]
    public void A_limit_equal_to_the_periods_paid_ends_the_subscription_at_its_current_period_end()
    {
        var subscription = Paid(3);

        Assert.True(subscription.SetCancelAfterCycles(3, Later).Succeeded);

        Assert.True(subscription.EndsAtPeriodEnd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(Subscription.MaxCancelAfterCycles + 1)]
    public void A_limit_not_a_positive_number_or_below_the_periods_paid_is_invalid(int cycles)
    {
        var subscription = Paid(3);

        var result = subscription.SetCancelAfterCycles(cycles, Later);

        AssertRefused(result, subscription, SubscriptionStatus.Active, ErrorCodes.ParameterInvalid);
        Assert.Equal(("cancel_after_cycles", (int?)null), (result.FirstError.Param, subscription.CancelAfterCycles));
        if (cycles == 2) Assert.Contains("3 periods are already paid", result.FirstError.Message);
    }

    [Fact]
    public void Setting_the_same_limit_or_removing_none_is_invalid()
    {
        var subscription = Paid(1);
        AssertRefused(subscription.SetCancelAfterCycles(null, Later), subscription, SubscriptionStatus.Active, ErrorCodes.ParameterInvalid);
        Assert.True(subscription.SetCancelAfterCycles(5, Later).Succeeded);
        subscription.Events.Clear();
        AssertRefused(subscription.SetCancelAfterCycles(5, Later), subscription, SubscriptionStatus.Active, ErrorCodes.ParameterInvalid);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(null)]
    public void A_canceled_subscription_takes_no_limit(int? cycles)
    {
        var subscription = Paid(2, SubscriptionStatus.Canceled);

        var result = subscription.SetCancelAfterCycles(cycles, Later);

        AssertRefused(result, subscription, SubscriptionStatus.Canceled);
        Assert.Equal(("cancel_after_cycles", (int?)null), (result.FirstError.Param, subscription.CancelAfterCycles));
    }
}
