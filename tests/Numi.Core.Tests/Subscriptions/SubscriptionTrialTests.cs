using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>A plan's trial in the cart (charged nothing today) and on the subscription it starts (the trial is the
/// current period; paid periods count from its end).</summary>
public sealed class SubscriptionTrialTests
{
    private static readonly DateTime Now = new(2027, 1, 17, 10, 0, 0, DateTimeKind.Utc);

    private static (Price Monthly, Price Once, CheckoutCart Cart) Cart()
    {
        var monthly = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(1_000), PriceScope.List, null, null, Now);
        var once = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.OneTime, PricingModel.PerUnit(300), PriceScope.List, null, null, Now);
        var offer = Offer.Create("Club", "club", null, "usd", Now);
        offer.AddSlot(new SlotFields("club", "Club", monthly.Id, MaxQuantity: 5));
        offer.AddSlot(new SlotFields("mug", "Mug", once.Id, MaxQuantity: 5));
        var prices = new Dictionary<Guid, Price> { [monthly.Id] = monthly, [once.Id] = once };
        var selection = new Dictionary<string, SlotChoice> { ["club"] = new(monthly.Id, 2), ["mug"] = new(once.Id, 1) };
        return (monthly, once, CheckoutCart.Build(offer, prices, selection).Value);
    }

    [Fact]
    public void A_recurring_line_in_trial_is_due_nothing_today_and_the_rest_of_the_cart_is()
    {
        var (monthly, once, cart) = Cart();

        var trial = cart.WithTrials(new Dictionary<Guid, int> { [monthly.Id] = 14, [once.Id] = 30 });

        Assert.Equal(2_300L, cart.Subtotal);
        Assert.Equal(300L, trial.Subtotal);
        var club = trial.Lines.Single(l => l.Price == monthly);
        Assert.Equal((14, 2_000L, 0L), (club.TrialDays, club.Amount, club.DueNow));
        // A one-time price has no trial, whatever is asked.
        Assert.Equal((0, 300L), (trial.Lines.Single(l => l.Price == once).TrialDays, trial.Lines.Single(l => l.Price == once).DueNow));
    }

    [Fact]
    public void A_trial_is_the_first_period_and_the_paid_periods_count_from_its_end()
    {
        var (monthly, _, cart) = Cart();
        var trial = cart.WithTrials(new Dictionary<Guid, int> { [monthly.Id] = 14 });
        var line = OrderLine.Create("club", monthly.ProductId, monthly.Id, "Coffee club", monthly.Summary, 2, 0, true);
        var order = Order.Create(1001, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), trial, "seti_1", "visa", "4242", [line], Now);

        var subscription = Subscription.StartTrial(order, line, monthly, 2_000, 14, Now);

        var end = new DateTime(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal((SubscriptionStatus.Trialing, 2_000L, 0), (subscription.Status, subscription.Amount, subscription.CyclesPaid));
        Assert.Equal((Now, end, end), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, subscription.BillingAnchor));
        Assert.False(subscription.IsDue(end.AddTicks(-1)));
        Assert.True(subscription.IsDue(end));
        Assert.Equal((1, end, new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc)), subscription.NextPeriod());
        Assert.True(subscription.TrialReminderDue(end.AddDays(-3), TimeSpan.FromDays(3)));
        Assert.False(subscription.TrialReminderDue(end.AddDays(-3).AddTicks(-1), TimeSpan.FromDays(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Subscription.StartTrial(order, line, monthly, 2_000, 0, Now));
    }
}
