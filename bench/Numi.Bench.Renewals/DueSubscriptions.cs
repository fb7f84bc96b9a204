using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Customers;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Bench.Renewals;

/// <summary>An organization whose subscribers all checked out a month ago, each with a checkout session, a customer, a
/// paid order and a monthly subscription on Stripe's always-paying test card, so that every one is due now.</summary>
internal static class DueSubscriptions
{
    private const int Chunk = 1_000;

    public static async Task<int> SeedAsync(NumiDbContext db, int count, DateTime now)
    {
        var slug = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var organization = Organization.Create("Renewal bench", slug, "usd", "UTC", now);
        var product = Product.Create(organization.Id, "Coffee Club", null, now);
        var price = Price.Create(product.Id, "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(2200), PriceScope.List, null, null, now);
        price.OrganizationId = organization.Id;
        var offer = Offer.Create("Coffee Club", "coffee-club", null, "usd", now);
        offer.OrganizationId = organization.Id;
        offer.AddSlot(new SlotFields("club", "Coffee Club", price.Id));
        db.AddRange(organization, product, price, offer);
        await db.SaveChangesAsync();

        var prices = new Dictionary<Guid, Price> { [price.Id] = price };
        var selection = CheckoutCart.Defaults(offer);
        var cart = CheckoutCart.Build(offer, prices, selection).Value;
        // A month and five minutes ago: every period ended five minutes ago.
        var start = now.AddMonths(-1).AddMinutes(-5);
        for (var done = 0; done < count; done += Chunk)
        {
            for (var i = done; i < Math.Min(count, done + Chunk); i++) db.AddRange(Subscriber(organization.Id, offer, price, cart, selection, i, start));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return count;
    }

    private static object[] Subscriber(Guid organizationId, Offer offer, Price price, CheckoutCart cart, Dictionary<string, SlotChoice> selection,
        int i, DateTime at)
    {
        var email = $"subscriber{i}@bench.example";
        var session = CheckoutSession.Start(offer.Id, cart, selection, email, at, TimeSpan.FromHours(1));
        session.OrganizationId = organizationId;
        var customer = Customer.Create(email, null, null, at);
        customer.OrganizationId = organizationId;
        var line = OrderLine.Create("club", price.ProductId, price.Id, "Coffee Club", price.Summary, 1, cart.Total, true);
        line.OrganizationId = organizationId;
        var order = Order.Create(Order.FirstNumber + i, session.Id, offer.Id, customer.Id, cart, $"pi_bench_{i}", "visa", "4242", [line], at);
        order.OrganizationId = organizationId;
        order.PaidWith("pm_card_visa");
        session.Complete(order.Id, at);
        var subscription = Subscription.Start(order, line, price, at);
        return [session, customer, order, subscription];
    }
}
