using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Discounts;

/// <summary>Discount codes through the Core handlers on both providers: unique codes per organization whatever their case,
/// the last redemption taken by exactly one of two simultaneous checkouts (the other refused before any charge), once per
/// customer, a decline giving the use back, and the order's snapshot of the code.</summary>
public sealed class DiscountCheckoutTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(Now.AddHours(1), TimeSpan.Zero));

    private sealed record Shop(Guid OrganizationId, Offer Offer);

    /// <summary>A published offer of $20.00 coffee, 1 to 5 bags.</summary>
    private static async Task<Shop> NewShopAsync(TestDatabase database, string slug)
    {
        var organization = Organization.Create(slug + " Inc", slug, "usd", "UTC", Now);
        await using (var db = database.CreateContext())
        {
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }
        var tenant = new TestTenant(organization.Id);
        var coffee = Product.Create(organization.Id, "Coffee", null, Now);
        var bag = Price.Create(coffee.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(2_000), PriceScope.List, null, null, Now);
        await using (var db = database.CreateContext(tenant))
        {
            db.Products.Add(coffee);
            db.Prices.Add(bag);
            await db.SaveChangesAsync();
        }
        await using (var db = database.CreateContext(tenant))
        {
            var offer = await new CreateOfferHandler(db, tenant, new CreateOfferValidator(), Clock()).HandleAsync(
                new CreateOffer("Coffee", "coffee", null, "usd", OfferStatus.Published, [new SlotFields("coffee", "Coffee", bag.Id, MaxQuantity: 5)]), default);
            return new Shop(organization.Id, offer.Value);
        }
    }

    private static async Task<Result<DiscountCode>> CreateCodeAsync(TestDatabase database, Guid organizationId, string code, DiscountLimits? limits = null)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await new CreateDiscountCodeHandler(db, new TestTenant(organizationId), new CreateDiscountCodeValidator(), Clock())
            .HandleAsync(new CreateDiscountCode(new DiscountTerms(code, PercentOff: 25), limits ?? new DiscountLimits()), default);
    }

    private static CheckoutPricing Pricing(NumiDbContext db, ControllableClock clock) => CheckoutServices.Pricing(db, clock);

    /// <summary>A checkout of the shop with <paramref name="code"/> applied for <paramref name="email"/>.</summary>
    private static async Task<Guid> CheckoutWithCodeAsync(TestDatabase database, Shop shop, string code, string email)
    {
        var clock = Clock();
        await using var db = database.CreateContext(new TestTenant(shop.OrganizationId));
        var started = await new StartCheckoutHandler(db, new StartCheckoutValidator(), Pricing(db, clock), clock, CheckoutOptions.Default)
            .HandleAsync(new StartCheckout(shop.Offer.Id, email), default);
        var applied = await new ApplyDiscountCodeHandler(db, Pricing(db, clock), new DiscountReservations(db), clock)
            .HandleAsync(new ApplyDiscountCode(started.Value.Id, code), default);
        Assert.True(applied.Succeeded, applied.Succeeded ? "" : applied.FirstError.Message);
        Assert.Equal(500, applied.Value.AmountDiscount);
        return started.Value.Id;
    }

    private static async Task<Result<Order>> ConfirmAsync(TestDatabase database, Guid organizationId, IPaymentGateway gateway, Guid sessionId, string paymentMethod)
    {
        var clock = Clock();
        await using var db = database.CreateContext(new TestTenant(organizationId));
        var fulfilment = CheckoutServices.Fulfilment(db, clock);
        return await new ConfirmCheckoutHandler(db, new ConfirmCheckoutValidator(), gateway, fulfilment, Pricing(db, clock), clock)
            .HandleAsync(new ConfirmCheckout(sessionId, paymentMethod, null), default);
    }

    /// <summary>Two checkouts paid with pm_card_visa at the same moment, through one counting gateway.</summary>
    private static async Task<(Result<Order>[] Results, CountingGateway Gateway)> PayBothAtOnceAsync(TestDatabase database, Shop shop, Guid first, Guid second)
    {
        var gateway = new CountingGateway(new SimulatedGateway(Clock()));
        var results = await Task.WhenAll(
            Task.Run(() => ConfirmAsync(database, shop.OrganizationId, gateway, first, "pm_card_visa")),
            Task.Run(() => ConfirmAsync(database, shop.OrganizationId, gateway, second, "pm_card_visa")));
        return (results, gateway);
    }

    /// <summary>The shop with <paramref name="code"/>, usable once, applied to a checkout for ana@example.com, and a
    /// counting gateway to pay it through.</summary>
    private static async Task<(Shop Shop, DiscountCode Code, Guid Session, CountingGateway Gateway)> OneUseCheckoutAsync(TestDatabase database, string code)
    {
        var shop = await NewShopAsync(database, "roastery");
        var created = (await CreateCodeAsync(database, shop.OrganizationId, code, new DiscountLimits(MaxRedemptions: 1))).Value;
        var session = await CheckoutWithCodeAsync(database, shop, code, "ana@example.com");
        return (shop, created, session, new CountingGateway(new SimulatedGateway(Clock())));
    }

    /// <summary>A checkout with the code HELD, usable once, whose payment waits for the bank's authentication.</summary>
    private static async Task<(Shop Shop, DiscountCode Code, Guid Session, CountingGateway Gateway)> HeldForAuthenticationAsync(TestDatabase database)
    {
        var held = await OneUseCheckoutAsync(database, "HELD");
        var pending = await ConfirmAsync(database, held.Shop.OrganizationId, held.Gateway, held.Session, "pm_card_authenticationRequired");
        Assert.Equal(ErrorCodes.AuthenticationRequired, pending.FirstError.Code);
        return held;
    }

    private static async Task<(DiscountCode Code, List<DiscountRedemption> Redemptions)> ReadAsync(TestDatabase database, Guid organizationId, Guid codeId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return (await db.DiscountCodes.AsNoTracking().SingleAsync(c => c.Id == codeId),
            await db.DiscountRedemptions.AsNoTracking().Where(r => r.DiscountCodeId == codeId).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Codes_are_unique_per_organization_whatever_their_case(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var a = await NewShopAsync(database, "alpha");
        var b = await NewShopAsync(database, "bravo");

        Assert.True((await CreateCodeAsync(database, a.OrganizationId, "Welcome10")).Succeeded);
        var again = await CreateCodeAsync(database, a.OrganizationId, "WELCOME10");
        Assert.Equal("code", again.FirstError.Param);
        Assert.True((await CreateCodeAsync(database, b.OrganizationId, "welcome10")).Succeeded);

        // The index itself refuses a second row of the same key, whatever the handler checked.
        await using var db = database.CreateContext(new TestTenant(a.OrganizationId));
        db.DiscountCodes.Add(DiscountCode.Create(a.OrganizationId, new DiscountTerms("wElCoMe10", PercentOff: 5), new DiscountLimits(), Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_checkouts_racing_for_the_last_redemption_one_gets_it_and_the_other_is_refused_before_any_charge(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var code = (await CreateCodeAsync(database, shop.OrganizationId, "LAST1", new DiscountLimits(MaxRedemptions: 1))).Value;
        var first = await CheckoutWithCodeAsync(database, shop, "last1", "ana@example.com");
        var second = await CheckoutWithCodeAsync(database, shop, "LAST1", "ben@example.com");

        var (results, gateway) = await PayBothAtOnceAsync(database, shop, first, second);

        var paid = Assert.Single(results, r => r.Succeeded).Value;
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(DiscountErrors.UsedUpCode, refused.FirstError.Code);
        Assert.Equal("discount_code", refused.FirstError.Param);
        Assert.Equal(1_500, Assert.Single(gateway.Requests).Amount); // one charge, discounted
        Assert.Equal((2_000, 500, 1_500, "LAST1"), (paid.AmountSubtotal, paid.AmountDiscount, paid.AmountTotal, paid.DiscountCode));
        Assert.Equal(code.Id, paid.DiscountCodeId);
        var (stored, redemptions) = await ReadAsync(database, shop.OrganizationId, code.Id);
        Assert.Equal(1, stored.TimesRedeemed);
        Assert.Equal(paid.Id, Assert.Single(redemptions).OrderId);
        await using var db = database.CreateContext(new TestTenant(shop.OrganizationId));
        var loser = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == (paid.CheckoutSessionId == first ? second : first));
        Assert.Equal(CheckoutSessionStatus.Open, loser.Status); // open again: the shopper may remove the code and pay
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_once_per_customer_code_is_used_once_by_an_email_even_by_two_checkouts_at_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var code = (await CreateCodeAsync(database, shop.OrganizationId, "ONCE", new DiscountLimits(OncePerCustomer: true))).Value;
        var first = await CheckoutWithCodeAsync(database, shop, "once", "Ana@Example.com");
        var second = await CheckoutWithCodeAsync(database, shop, "once", "ana@example.com ");

        var (results, gateway) = await PayBothAtOnceAsync(database, shop, first, second);

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(DiscountErrors.AlreadyUsedCode, Assert.Single(results, r => !r.Succeeded).FirstError.Code);
        Assert.Single(gateway.Requests);
        var (stored, redemptions) = await ReadAsync(database, shop.OrganizationId, code.Id);
        Assert.Equal(1, stored.TimesRedeemed);
        Assert.Equal("ana@example.com", Assert.Single(redemptions).CustomerKey);

        // A later checkout by the same shopper is told as soon as the code is applied with the email.
        var clock = Clock();
        await using var db = database.CreateContext(new TestTenant(shop.OrganizationId));
        var started = await new StartCheckoutHandler(db, new StartCheckoutValidator(), Pricing(db, clock), clock, CheckoutOptions.Default)
            .HandleAsync(new StartCheckout(shop.Offer.Id, "ANA@example.com"), default);
        var applied = await new ApplyDiscountCodeHandler(db, Pricing(db, clock), new DiscountReservations(db), clock)
            .HandleAsync(new ApplyDiscountCode(started.Value.Id, "ONCE"), default);
        Assert.Equal(DiscountErrors.AlreadyUsedCode, applied.FirstError.Code);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_declined_card_gives_the_reservation_back(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, code, session, gateway) = await OneUseCheckoutAsync(database, "ONLY1");

        var declined = await ConfirmAsync(database, shop.OrganizationId, gateway, session, "pm_card_chargeDeclined");
        Assert.Equal(ErrorCodes.CardDeclined, declined.FirstError.Code);
        var (afterDecline, none) = await ReadAsync(database, shop.OrganizationId, code.Id);
        Assert.Equal(0, afterDecline.TimesRedeemed);
        Assert.Empty(none);

        var paid = await ConfirmAsync(database, shop.OrganizationId, gateway, session, "pm_card_visa");
        Assert.Equal(1_500, paid.Value.AmountTotal);
        Assert.Equal(1, (await ReadAsync(database, shop.OrganizationId, code.Id)).Code.TimesRedeemed);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_use_held_by_an_abandoned_authentication_is_given_back_when_the_checkout_expires(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        // The bank wants the shopper to authenticate: the use stays reserved while that payment may still complete.
        var (shop, code, session, gateway) = await HeldForAuthenticationAsync(database);
        Assert.Equal(1, (await ReadAsync(database, shop.OrganizationId, code.Id)).Code.TimesRedeemed);

        // The shopper changes the order instead (abandoning that payment) and leaves.
        var clock = Clock();
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var chosen = await new ChooseCheckoutHandler(db, Pricing(db, clock), clock).HandleAsync(
                new ChooseCheckout(session, new Dictionary<string, SlotChoice> { ["coffee"] = new(shop.Offer.Slots[0].DefaultPriceId, 2) }), default);
            Assert.Null(chosen.Value.PendingPaymentIntent);
        }
        clock.Advance(CheckoutOptions.Default.SessionLifetime);
        await using (var db = database.CreateContext())
            Assert.Equal(1, await new ExpireCheckoutSessionsHandler(db, new DiscountReservations(db), clock).HandleAsync(default));

        var (released, redemptions) = await ReadAsync(database, shop.OrganizationId, code.Id);
        Assert.Equal(0, released.TimesRedeemed);
        Assert.Empty(redemptions);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_payment_made_while_a_removed_code_is_given_back_does_not_keep_its_use(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, code, session, gateway) = await HeldForAuthenticationAsync(database);

        // Removing the code saves the session without it, then gives the reservation back (ApplyDiscountCodeHandler): a
        // payment with another card completes in between.
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            (await db.CheckoutSessions.SingleAsync(s => s.Id == session)).ApplyDiscount(null, Now);
            await db.SaveChangesAsync();
        }
        var paid = await ConfirmAsync(database, shop.OrganizationId, gateway, session, "pm_card_visa");
        Assert.Equal(2_000, paid.Value.AmountTotal);
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
            await new DiscountReservations(db).ReleaseAsync(session, default);

        // The order paid full price and holds no use of the code (linked to it, the release found nothing to give back).
        var (released, redemptions) = await ReadAsync(database, shop.OrganizationId, code.Id);
        Assert.Equal(0, released.TimesRedeemed);
        Assert.Empty(redemptions);
    }

    private sealed class CountingGateway(IPaymentGateway inner) : IPaymentGateway
    {
        private readonly ConcurrentQueue<ChargeRequest> _requests = new();

        public IReadOnlyList<ChargeRequest> Requests => [.. _requests];

        public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
        {
            _requests.Enqueue(request);
            return inner.ChargeAsync(request, ct);
        }

        public Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct) => inner.RetrieveAsync(paymentIntentId, ct);
        public Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct) =>
            inner.RefundAsync(paymentIntentId, amount, idempotencyKey, ct);
        public Task<SavedCardOutcome> SaveCardAsync(SaveCardRequest request, CancellationToken ct) => inner.SaveCardAsync(request, ct);
    }
}
