using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>A new organization with one published offer selling one price, and the checkout handlers wired as the app
/// wires them (pricing with its tax step), for tests of what a paid checkout leaves behind.</summary>
internal sealed class CheckoutSteps(TestDatabase database, Guid organizationId, Price price, Offer offer, FakeTimeProvider clock)
{
    public Guid OrganizationId => organizationId;
    public Price Price => price;
    public TestTenant Tenant => new(organizationId);
    public FakeTimeProvider Clock => clock;

    public static async Task<CheckoutSteps> NewShopAsync(TestDatabase database, string slug, PriceSchedule schedule, long unitAmount,
        OfferPaymentSettings? payment = null)
    {
        var clock = SeededCatalog.Clock();
        var now = clock.GetUtcNow().UtcDateTime;
        var organization = Organization.Create(slug + " Inc", slug, "usd", "UTC", now);
        await using (var db = database.CreateContext())
        {
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }
        await using (var db = database.CreateContext(new TestTenant(organization.Id)))
        {
            var product = Product.Create(organization.Id, "Coffee club", null, now);
            var price = Price.Create(product.Id, "usd", schedule, PricingModel.PerUnit(unitAmount), PriceScope.List, null, null, now);
            var offer = Offer.Create("Coffee club", "coffee-club", null, "usd", now);
            offer.AddSlot(new SlotFields("coffee", "Coffee", price.Id, MaxQuantity: 5));
            if (payment is not null) offer.ChangePayment(payment, now);
            offer.ChangeStatus(OfferStatus.Published, now);
            db.Products.Add(product);
            db.Prices.Add(price);
            db.Offers.Add(offer);
            await db.SaveChangesAsync();
            return new CheckoutSteps(database, organization.Id, price, offer, clock);
        }
    }

    public async Task<TaxRate> AddRateAsync(TaxRateFields fields)
    {
        await using var db = database.CreateContext(Tenant);
        var created = await new CreateTaxRateHandler(db, new TaxRateFieldsValidator(), clock).HandleAsync(new CreateTaxRate(fields), default);
        Assert.True(created.Succeeded, created.Succeeded ? "" : created.FirstError.Message);
        return created.Value;
    }

    public async Task<CheckoutSession> StartAsync(int quantity = 1, string? email = null, TaxLocation? location = null)
    {
        await using var db = database.CreateContext(Tenant);
        var started = await new StartCheckoutHandler(db, new StartCheckoutValidator(), Pricing(db), clock, CheckoutOptions.Default)
            .HandleAsync(new StartCheckout(offer.Id, null), default);
        Assert.True(started.Succeeded, started.Succeeded ? "" : started.FirstError.Message);
        var chosen = await new ChooseCheckoutHandler(db, Pricing(db), clock).HandleAsync(new ChooseCheckout(started.Value.Id,
            new Dictionary<string, SlotChoice> { ["coffee"] = new(price.Id, quantity) }, email, location), default);
        Assert.True(chosen.Succeeded, chosen.Succeeded ? "" : chosen.FirstError.Message);
        return chosen.Value;
    }

    public async Task<Result<Order>> ConfirmAsync(Guid sessionId, string email, CheckoutDetails? details = null, IPaymentGateway? gateway = null)
    {
        await using var db = database.CreateContext(Tenant);
        return await Confirm(db, gateway).HandleAsync(new ConfirmCheckout(sessionId, "pm_card_visa", null, email, null, details), default);
    }

    public ConfirmCheckoutHandler Confirm(NumiDbContext db, IPaymentGateway? gateway = null) =>
        new(db, new ConfirmCheckoutValidator(), gateway ?? new Payments.SimulatedGateway(clock),
            CheckoutServices.Fulfilment(db, clock), Pricing(db), clock);

    private CheckoutPricing Pricing(NumiDbContext db) => CheckoutServices.Pricing(db, clock);
}
