using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>An organization's published coffee offer: coffee (required, $15.00, or $40.00 for 3 bags) and a
/// grinder order bump at $49.00.</summary>
internal sealed record Shop(Guid OrganizationId, Product Coffee, Price Bag, Price ThreeBags, Product Grinder, Price GrinderPrice, Offer Offer);

/// <summary>A coffee shop of its own in a test database and its checkouts, through the Core handlers (shared by the
/// checkout and webhook processing tests).</summary>
internal static class CoffeeShop
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    /// <summary>An hour after the seed, on a whole second so both providers store it exactly.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(Now.AddHours(1), TimeSpan.Zero));

    public static async Task<Guid> NewOrganizationAsync(TestDatabase database, string slug)
    {
        await using var db = database.CreateContext();
        var organization = Organization.Create(slug + " Inc", slug, "usd", "UTC", Now);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    public static async Task<Shop> NewShopAsync(TestDatabase database, string slug)
    {
        var organizationId = await NewOrganizationAsync(database, slug);
        var tenant = new TestTenant(organizationId);
        var coffee = Product.Create(organizationId, "House blend", null, Now);
        var grinder = Product.Create(organizationId, "Burr grinder", null, Now);
        var bag = Price.Create(coffee.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(1_500), PriceScope.List, null, null, Now);
        var threeBags = Price.Create(coffee.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(4_000), PriceScope.List, null, "3 bags", Now);
        var grinderPrice = Price.Create(grinder.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(4_900), PriceScope.List, null, null, Now);
        await using (var db = database.CreateContext(tenant))
        {
            db.Products.AddRange(coffee, grinder);
            db.Prices.AddRange(bag, threeBags, grinderPrice);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext(tenant))
        {
            var created = await new CreateOfferHandler(db, tenant, new CreateOfferValidator(), Clock()).HandleAsync(
                new CreateOffer("Coffee club", "coffee-club", null, "usd", OfferStatus.Published,
                [
                    new SlotFields("coffee", "Coffee", bag.Id, MaxQuantity: 5, Options: [new SlotOptionInput(bag.Id), new SlotOptionInput(threeBags.Id, "3 bags")]),
                    new SlotFields("grinder", "Grinder", grinderPrice.Id, Required: false, MaxQuantity: 1),
                ]), default);
            Assert.True(created.Succeeded, created.Succeeded ? "" : $"{created.FirstError.Param}: {created.FirstError.Message}");
            return new Shop(organizationId, coffee, bag, threeBags, grinder, grinderPrice, created.Value);
        }
    }

    public static async Task<CheckoutSession> StartAsync(TestDatabase database, Shop shop, FakeTimeProvider clock, string? email,
        Dictionary<string, SlotChoice>? selection = null)
    {
        var tenant = new TestTenant(shop.OrganizationId);
        CheckoutSession session;
        await using (var db = database.CreateContext(tenant))
        {
            var started = await new StartCheckoutHandler(db, new StartCheckoutValidator(), CheckoutServices.Pricing(db, clock), clock, CheckoutOptions.Default)
                .HandleAsync(new StartCheckout(shop.Offer.Id, email), default);
            Assert.True(started.Succeeded, started.Succeeded ? "" : $"{started.FirstError.Param}: {started.FirstError.Message}");
            session = started.Value;
        }
        if (selection is null) return session;
        await using (var db = database.CreateContext(tenant))
        {
            var chosen = await new ChooseCheckoutHandler(db, CheckoutServices.Pricing(db, clock), clock).HandleAsync(new ChooseCheckout(session.Id, selection), default);
            Assert.True(chosen.Succeeded, chosen.Succeeded ? "" : $"{chosen.FirstError.Param}: {chosen.FirstError.Message}");
            return chosen.Value;
        }
    }

    public static async Task<Result<Order>> ConfirmAsync(TestDatabase database, Guid organizationId, IPaymentGateway gateway, FakeTimeProvider clock,
        Guid sessionId, string paymentMethod, string? email = null, string? name = null)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await ConfirmAsync(db, gateway, clock, sessionId, paymentMethod, email, name);
    }

    public static Task<Result<Order>> ConfirmAsync(NumiDbContext db, IPaymentGateway gateway, FakeTimeProvider clock,
        Guid sessionId, string paymentMethod, string? email = null, string? name = null) =>
        new ConfirmCheckoutHandler(db, new ConfirmCheckoutValidator(), gateway, CheckoutServices.Fulfilment(db, clock), CheckoutServices.Pricing(db, clock), clock)
            .HandleAsync(new ConfirmCheckout(sessionId, paymentMethod, null, email, name), default);

    public static async Task<CheckoutSession> ReadSessionAsync(TestDatabase database, Guid organizationId, Guid sessionId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId);
    }

    public static async Task<List<Order>> OrdersOfAsync(TestDatabase database, Guid sessionId)
    {
        await using var db = database.CreateContext();
        return await db.Orders.IgnoreQueryFilters().Include(o => o.Lines).Where(o => o.CheckoutSessionId == sessionId).ToListAsync();
    }

    public static NumiDbContext ContextWithInterceptor(TestDatabase database, ITenantContext tenant, IInterceptor interceptor) =>
        database.ContextWithInterceptor(tenant, interceptor);
}
