using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Checkout;

/// <summary>What a payment stores of the shopper's details, on both providers: only what the offer asks for, on the
/// session (also after a decline, when it stays open) and on the order; a phone it asks for on the customer too.</summary>
public sealed class CheckoutDetailsStorageTests
{
    private static readonly Address Portland = new("1 Bean St", null, "Portland", "97201", "US");

    /// <summary>Asks for the shipping address and a gift note; sent as well: a phone and a billing address (with a NUL,
    /// unchecked as it is not asked for) that it does not ask for.</summary>
    private static readonly OfferPaymentSettings ShippingOnly = new() { CollectShippingAddress = true, CustomFields = [new("gift_note", "Gift note")] };

    private static readonly CheckoutDetails Sent = new("+1 555 0199", Portland with { Line1 = "9 Unasked\u0000Road" }, Portland,
        new Dictionary<string, string> { ["gift_note"] = "Enjoy" });

    private static void AssertOnlyAsked(CheckoutDetails details)
    {
        Assert.Null(details.Phone);
        Assert.Null(details.BillingAddress);
        Assert.Equal(Portland, details.ShippingAddress);
        Assert.Equal("Enjoy", details.CustomFields?["gift_note"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_declined_then_paid_checkout_stores_only_the_details_the_offer_asks_for(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 2_400, ShippingOnly);
        var session = await shop.StartAsync();

        await using (var db = database.CreateContext(shop.Tenant))
        {
            var declined = await shop.Confirm(db).HandleAsync(new ConfirmCheckout(session.Id, "pm_card_chargeDeclined", null, "ana@example.com", null, Sent), default);
            Assert.False(declined.Succeeded);
        }
        await using (var db = database.CreateContext(shop.Tenant))
            AssertOnlyAsked((await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id)).Details);

        var order = await shop.ConfirmAsync(session.Id, "ana@example.com", Sent);

        Assert.True(order.Succeeded, order.Succeeded ? "" : order.FirstError.Message);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            AssertOnlyAsked((await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Value.Id)).Details);
            AssertOnlyAsked((await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id)).Details);
            Assert.Null((await db.Customers.AsNoTracking().SingleAsync()).Phone);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_phone_the_offer_asks_for_is_kept_on_the_customer_and_a_later_checkout_brings_the_newer_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "roastery", PriceSchedule.OneTime, 2_400, new OfferPaymentSettings { CollectPhone = true });

        var first = await shop.ConfirmAsync((await shop.StartAsync()).Id, "ana@example.com", new CheckoutDetails(" +1 555 0199 "));
        Assert.True(first.Succeeded, first.Succeeded ? "" : first.FirstError.Message);
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal("+1 555 0199", (await db.Customers.AsNoTracking().SingleAsync()).Phone);

        var second = await shop.ConfirmAsync((await shop.StartAsync()).Id, "ANA@example.com", new CheckoutDetails("+44 20 7946 0000"));
        Assert.True(second.Succeeded, second.Succeeded ? "" : second.FirstError.Message);
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal("+44 20 7946 0000", (await db.Customers.AsNoTracking().SingleAsync()).Phone);
    }
}
