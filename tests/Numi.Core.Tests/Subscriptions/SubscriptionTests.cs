using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

public sealed class SubscriptionTests
{
    private static readonly DateTime Now = new(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_recurring_line_starts_an_active_subscription_with_the_price_as_sold_and_its_first_period_paid()
    {
        var price = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month, 3, cancelAfterCycles: 4), PricingModel.PerUnit(2_200), PriceScope.List, null, null, Now);
        var offer = Offer.Create("Club", "club", null, "usd", Now);
        offer.AddSlot(new SlotFields("club", "Club", price.Id, MaxQuantity: 5));
        var cart = CheckoutCart.Build(offer, new Dictionary<Guid, Price> { [price.Id] = price }, new Dictionary<string, SlotChoice> { ["club"] = new(price.Id, 2) }).Value;
        var line = OrderLine.Create("club", price.ProductId, price.Id, "Coffee club", price.Summary, 2, cart.Total, true);
        var order = Order.Create(1001, Guid.NewGuid(), offer.Id, Guid.NewGuid(), cart, "pi_1", "visa", "4242", [line], Now);

        var subscription = Subscription.Start(order, line, price, Now);

        Assert.StartsWith("sub_", subscription.PublicId);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal((order.Id, line.Id, order.CustomerId, price.Id), (subscription.OrderId, subscription.OrderLineId, subscription.CustomerId, subscription.PriceId));
        Assert.Equal((2, 4_400L, "usd", PriceInterval.Month, 3), (subscription.Quantity, subscription.Amount, subscription.Currency, subscription.Interval, subscription.IntervalCount));
        Assert.Equal((4, 1), (subscription.CancelAfterCycles!.Value, subscription.CyclesPaid));
        Assert.Equal((Now, Now, new DateTime(2027, 4, 30, 12, 0, 0, DateTimeKind.Utc)), (subscription.BillingAnchor, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal("every 3 months", subscription.Schedule);
    }

    [Fact]
    public void A_one_time_price_starts_no_subscription()
    {
        var price = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.OneTime, PricingModel.PerUnit(100), PriceScope.List, null, null, Now);
        var line = OrderLine.Create("a", price.ProductId, price.Id, "A", price.Summary, 1, 100, false);
        var cart = new CheckoutCart("usd", [], 100);
        var order = Order.Create(1001, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), cart, "pi_1", null, null, [line], Now);
        Assert.Throws<ArgumentException>(() => Subscription.Start(order, line, price, Now));
    }
}
