using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Payments;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The coffee shop (<see cref="CoffeeShop"/>) with a published funnel version of a checkout (coffee club), a
/// grinder upsell, a filters upsell and a thank-you, and a visitor's funnel session that has opened the checkout, as
/// the public funnel leaves it just before the shopper pays.</summary>
internal sealed class FunnelCheckout(TestDatabase database, Shop shop, FakeTimeProvider clock)
{
    public const string CheckoutStep = "checkout";
    public const string GrinderStep = "grinder";
    public const string FiltersStep = "filters";

    public Shop Shop { get; } = shop;
    public FakeTimeProvider Clock { get; } = clock;
    public TestTenant Tenant => new(Shop.OrganizationId);
    public Guid FunnelId { get; private init; }
    public Guid VersionId { get; private init; }
    public Guid SessionId { get; private init; }
    public CheckoutSession Checkout { get; private init; } = default!;
    public Guid GrinderOfferId { get; private init; }
    public Guid FiltersOfferId { get; private init; }

    /// <param name="checkoutArm">The arm of the checkout step this visitor was shown (a variant "a" exists); control when null.</param>
    public static async Task<FunnelCheckout> CreateAsync(TestDatabase database, string? checkoutArm = null)
    {
        await database.MigrateAsync();
        var shop = await CoffeeShop.NewShopAsync(database, "roastery");
        var clock = CoffeeShop.Clock();
        var now = clock.GetUtcNow().UtcDateTime;
        var grinder = await OfferAsync(database, shop, "Grinder", shop.GrinderPrice.Id);
        var filters = await OfferAsync(database, shop, "Filters", null);
        var checkout = await CoffeeShop.StartAsync(database, shop, clock, "shopper@example.com");

        await using var db = database.CreateContext(new TestTenant(shop.OrganizationId));
        var funnel = Funnel.Create(shop.OrganizationId, "Wake up", "wake-up", now);
        var version = FunnelVersion.Create(funnel, 1, new FunnelSnapshot(
        [
            Step(CheckoutStep, FunnelStepType.Checkout, shop.Offer.Id, [new StepVariant("a", "Short", 50)]),
            Step(GrinderStep, FunnelStepType.Upsell, grinder),
            Step(FiltersStep, FunnelStepType.Upsell, filters),
            Step("thanks", FunnelStepType.ThankYou, null),
        ]), now);
        var session = FunnelSession.Start(shop.OrganizationId, funnel.Id, version.Id, "visitor-1", CheckoutStep, now);
        if (checkoutArm is not null) session.Remember(CheckoutStep, checkoutArm, now);
        session.Choose(shop.Offer.Id, now);
        session.LinkCheckout(checkout.Id, now);
        db.Funnels.Add(funnel);
        db.FunnelVersions.Add(version);
        db.FunnelSessions.Add(session);
        await db.SaveChangesAsync();
        return new FunnelCheckout(database, shop, clock)
        {
            FunnelId = funnel.Id, VersionId = version.Id, SessionId = session.Id, Checkout = checkout, GrinderOfferId = grinder, FiltersOfferId = filters,
        };
    }

    /// <summary>The one-click accept of <paramref name="offerId"/> after the funnel's paid checkout, as its upsell step posts it.</summary>
    public async Task<Result<Order>> AcceptAsync(IPaymentGateway gateway, Guid offerId)
    {
        await using var db = database.CreateContext(Tenant);
        return await new AcceptUpsellHandler(db, gateway, CheckoutServices.Fulfilment(db, Clock), CheckoutServices.Pricing(db, Clock), Clock, CheckoutOptions.Default)
            .HandleAsync(new AcceptUpsell(Checkout.Id, offerId), default);
    }

    public async Task MoveToAsync(string stepKey)
    {
        await using var db = database.CreateContext(Tenant);
        var session = await db.FunnelSessions.SingleAsync(s => s.Id == SessionId);
        session.MoveTo(stepKey, Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    public async Task<FunnelSession> SessionAsync()
    {
        await using var db = database.CreateContext(Tenant);
        return await db.FunnelSessions.AsNoTracking().SingleAsync(s => s.Id == SessionId);
    }

    public async Task<List<FunnelEvent>> EventsAsync()
    {
        await using var db = database.CreateContext(Tenant);
        return await db.FunnelEvents.AsNoTracking().Where(e => e.FunnelSessionId == SessionId).ToListAsync();
    }

    private static SnapshotStep Step(string key, FunnelStepType type, Guid? offerId, IReadOnlyList<StepVariant>? variants = null) =>
        new(key, type, key, offerId, [], [], 50, variants ?? []);

    /// <summary>A published one-slot offer of the shop: the given price, or a new $9.00 product.</summary>
    private static async Task<Guid> OfferAsync(TestDatabase database, Shop shop, string name, Guid? priceId)
    {
        var tenant = new TestTenant(shop.OrganizationId);
        var now = CoffeeShop.Clock().GetUtcNow().UtcDateTime;
        await using var db = database.CreateContext(tenant);
        if (priceId is null)
        {
            var product = Product.Create(shop.OrganizationId, name, null, now);
            var price = Price.Create(product.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(900), PriceScope.List, null, null, now);
            db.Products.Add(product);
            db.Prices.Add(price);
            await db.SaveChangesAsync();
            priceId = price.Id;
        }
        var created = await new CreateOfferHandler(db, tenant, new CreateOfferValidator(), CoffeeShop.Clock()).HandleAsync(new CreateOffer(name,
            name.ToLowerInvariant(), null, "usd", OfferStatus.Published, [new SlotFields("item", name, priceId.Value, MaxQuantity: 1)]), default);
        Assert.True(created.Succeeded, created.Succeeded ? "" : $"{created.FirstError.Param}: {created.FirstError.Message}");
        return created.Value.Id;
    }
}
