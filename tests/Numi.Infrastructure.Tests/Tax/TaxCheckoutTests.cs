using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Customers;
using Numi.Core.Offers;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Tax;

/// <summary>Tax rates stored and used by checkout on both providers: exact percentages, one active rate per place, the
/// shopper's region over the country, tax-exempt customers, the session's and the order's snapshot of the rate, and
/// which location a payment keeps.</summary>
public sealed class TaxCheckoutTests
{
    private static readonly TaxRateFields California = new("Sales tax", "US", "CA", 8.875m, false);
    private static readonly TaxRateFields UnitedStates = new("Sales tax", "US", null, 5m, false);

    /// <summary>The migrated database's shop selling one $100.00 price, with the US rate (5%) and California's (8.875%),
    /// which it returns.</summary>
    private static async Task<(CheckoutSteps Shop, TaxRate California)> ShopWithUsRatesAsync(TestDatabase database, OfferPaymentSettings? payment = null)
    {
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 10_000, payment);
        await shop.AddRateAsync(UnitedStates);
        return (shop, await shop.AddRateAsync(California));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rate_is_stored_exactly_and_a_second_active_rate_for_the_same_place_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 10_000);
        var rate = await shop.AddRateAsync(California);

        await using (var db = database.CreateContext(shop.Tenant))
        {
            var stored = await db.TaxRates.AsNoTracking().SingleAsync();
            Assert.Equal((rate.Id, "Sales tax", "US", "CA", 88_750, false, true), (stored.Id, stored.DisplayName, stored.Country, stored.Region, stored.RatePpm, stored.Inclusive, stored.Active));
            Assert.Equal(8.875m, stored.Percentage);

            var clock = SeededCatalog.Clock();
            var twice = await new CreateTaxRateHandler(db, new TaxRateFieldsValidator(), clock).HandleAsync(new CreateTaxRate(California with { DisplayName = "Other" }), default);
            Assert.False(twice.Succeeded);
            Assert.Equal("state", twice.FirstError.Param);

            var archived = await new UpdateTaxRateHandler(db, new TaxRateFieldsValidator(), clock).HandleAsync(new UpdateTaxRate(rate.Id, California, Active: false), default);
            Assert.True(archived.Succeeded);
            var replacement = await new CreateTaxRateHandler(db, new TaxRateFieldsValidator(), clock).HandleAsync(new CreateTaxRate(California with { Percentage = 9m }), default);
            Assert.True(replacement.Succeeded);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_region_rate_is_charged_and_the_order_snapshots_its_name_and_percentage(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, california) = await ShopWithUsRatesAsync(database);

        var session = await shop.StartAsync(quantity: 2, location: new TaxLocation("US", "CA"));
        Assert.Equal((20_000, 1_775, 21_775), (session.AmountSubtotal, session.AmountTax, session.AmountTotal));   // 1775 = 20000 × 8.875%

        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com")).Value;
        // The merchant changes the rate afterwards: the order keeps what it was taxed at.
        await using (var db = database.CreateContext(shop.Tenant))
            await new UpdateTaxRateHandler(db, new TaxRateFieldsValidator(), SeededCatalog.Clock())
                .HandleAsync(new UpdateTaxRate(california.Id, California with { DisplayName = "CA tax", Percentage = 10m }), default);

        await using (var db = database.CreateContext(shop.Tenant))
        {
            var stored = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
            Assert.Equal((20_000L, 1_775L, 21_775L, "Sales tax", 88_750), (stored.AmountSubtotal, stored.AmountTax, stored.AmountTotal, stored.TaxName, stored.TaxRatePpm!.Value));
            Assert.Equal("Sales tax 8.875%", stored.TaxRow);
            var receipt = await db.OutboxMessages.AsNoTracking().SingleAsync();
            Assert.Contains("Sales tax 8.875%: $17.75", receipt.TextBody);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Inclusive_vat_from_the_billing_address_is_shown_inside_the_total(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 1_200,
            new OfferPaymentSettings { CollectBillingAddress = true });
        await shop.AddRateAsync(new TaxRateFields("VAT", "GB", null, 20m, true));
        var session = await shop.StartAsync();
        Assert.Equal(0, session.AmountTax);   // not located yet

        var billing = new CheckoutDetails(BillingAddress: new Address("1 High St", null, "London", "N1 1AA", "GB"));
        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com", billing)).Value;

        Assert.Equal((1_200L, 200L, 1_200L, true, "VAT 20% (included)"), (order.AmountSubtotal, order.AmountTax, order.AmountTotal, order.TaxIncluded, order.TaxRow));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tax_exempt_customer_pays_no_tax(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 10_000);
        await shop.AddRateAsync(California);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var customer = Customer.Create("Exempt@Example.com", "School", null, TwoOrganizations.Now);
            customer.SetTaxExempt(true);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        var session = await shop.StartAsync(email: "exempt@example.COM", location: new TaxLocation("US", "CA"));
        Assert.Equal((0L, 10_000L), (session.AmountTax, session.AmountTotal));
        var order = (await shop.ConfirmAsync(session.Id, "exempt@example.com")).Value;
        Assert.Equal((0L, 10_000L, (string?)null), (order.AmountTax, order.AmountTotal, order.TaxName));

        // Anyone else in California pays it.
        var other = await shop.StartAsync(email: "someone@example.com", location: new TaxLocation("US", "CA"));
        Assert.Equal(888, other.AmountTax);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_session_stores_its_rate_and_a_payment_without_a_location_keeps_the_sessions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, _) = await ShopWithUsRatesAsync(database);
        var untaxed = await shop.StartAsync();
        var session = await shop.StartAsync(location: new TaxLocation("US", "CA"));

        await using (var db = database.CreateContext(shop.Tenant))
        {
            var stored = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id);
            Assert.Equal(("Sales tax", (int?)88_750, 888L, false), (stored.TaxName, stored.TaxRatePpm, stored.AmountTax, stored.TaxIncluded));
            var none = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == untaxed.Id);
            Assert.Equal(((string?)null, (int?)null, 0L), (none.TaxName, none.TaxRatePpm, none.AmountTax));
        }
        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com", CheckoutDetails.None)).Value;

        Assert.Equal((888L, 10_888L, (int?)88_750), (order.AmountTax, order.AmountTotal, order.TaxRatePpm));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Where_the_offer_asks_for_a_billing_address_it_decides_over_a_named_location(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, _) = await ShopWithUsRatesAsync(database, new OfferPaymentSettings { CollectBillingAddress = true });
        var session = await shop.StartAsync(location: new TaxLocation("US", "CA"));
        Assert.Equal(888, session.AmountTax);

        var details = new CheckoutDetails(BillingAddress: new Address("1 Main St", null, "Albany", "12207", "US", "NY"), Location: new TaxLocation("US", "CA"));
        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com", details)).Value;

        Assert.Equal((500L, 10_500L, (int?)50_000), (order.AmountTax, order.AmountTotal, order.TaxRatePpm));
        await using var db = database.CreateContext(shop.Tenant);
        Assert.Equal(50_000, (await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id)).TaxRatePpm);
    }
}
