using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Tax;

/// <summary>On both providers: the session stores the rate its tax was last computed at (the migration's columns),
/// a payment that names no location keeps the session's, and an asked-for address decides over a named location.</summary>
public sealed class CheckoutSessionTaxTests
{
    private static readonly TaxRateFields California = new("CA sales tax", "US", "CA", 7.25m, false);
    private static readonly TaxRateFields UnitedStates = new("US sales tax", "US", null, 5m, false);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_session_stores_its_rate_and_a_payment_without_a_location_keeps_the_sessions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 10_000);
        await shop.AddRateAsync(UnitedStates);
        await shop.AddRateAsync(California);
        var untaxed = await shop.StartAsync();

        var session = await shop.StartAsync(location: new TaxLocation("US", "CA"));
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var stored = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id);
            Assert.Equal(("CA sales tax", (int?)72_500, 725L, false), (stored.TaxName, stored.TaxRatePpm, stored.AmountTax, stored.TaxIncluded));
            var none = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == untaxed.Id);
            Assert.Equal(((string?)null, (int?)null, 0L), (none.TaxName, none.TaxRatePpm, none.AmountTax));
        }

        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com", CheckoutDetails.None)).Value;

        Assert.Equal((725L, 10_725L, "CA sales tax", (int?)72_500), (order.AmountTax, order.AmountTotal, order.TaxName, order.TaxRatePpm));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Where_the_offer_asks_for_a_billing_address_it_decides_over_the_named_location(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 10_000,
            new OfferPaymentSettings { CollectBillingAddress = true });
        await shop.AddRateAsync(UnitedStates);
        await shop.AddRateAsync(California);
        var session = await shop.StartAsync(location: new TaxLocation("US", "CA"));
        Assert.Equal(725, session.AmountTax);

        var details = new CheckoutDetails(BillingAddress: new Address("1 Main St", null, "Albany", "12207", "US", "NY"), Location: new TaxLocation("US", "CA"));
        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com", details)).Value;

        Assert.Equal((500L, 10_500L, "US sales tax"), (order.AmountTax, order.AmountTotal, order.TaxName));
        await using var db = database.CreateContext(shop.Tenant);
        var stored = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id);
        Assert.Equal(("US sales tax", (int?)50_000), (stored.TaxName, stored.TaxRatePpm));
    }
}
