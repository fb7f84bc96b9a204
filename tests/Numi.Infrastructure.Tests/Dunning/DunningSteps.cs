using Microsoft.EntityFrameworkCore;
using Numi.Core.Dunning;
using Numi.Core.Email;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Dunning;

/// <summary>Subscribers whose renewal failed, for the dunning and expiry jobs.</summary>
internal static class DunningSteps
{
    public static async Task<CheckoutSteps> ShopAsync(TestDatabase database, string slug = "club", RetrySettings? retry = null, DateTime? at = null)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, slug, Core.Catalog.PriceSchedule.Every(Core.Catalog.PriceInterval.Month), 1_000);
        if (at is { } start) shop.Clock.UtcNow = start;
        if (retry is null) return shop;
        await using var db = database.CreateContext(shop.Tenant);
        db.Plans.Add(Plan.Create(shop.Price, new PlanFields("Club", PlanSettings.Default with { Retry = retry }), shop.Clock.Now));
        await db.SaveChangesAsync();
        return shop;
    }

    /// <summary>A subscriber of <paramref name="shop"/> whose renewal with <paramref name="card"/> has just failed (the clock
    /// at that moment), and its open invoice.</summary>
    public static async Task<(Guid Subscription, Invoice Invoice)> FailedRenewalAsync(TestDatabase database, CheckoutSteps shop,
        string card = "pm_card_chargeCustomerFail", string? phone = null)
    {
        var id = await SubscribeAsync(database, shop);
        await UseCardAsync(database, shop, id, card);
        var subscription = await SubscriptionAsync(database, shop, id);
        if (phone is not null)
        {
            await using var db = database.CreateContext(shop.Tenant);
            await db.Customers.Where(c => c.Id == subscription.CustomerId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Phone, phone));
        }
        if (shop.Clock.Now < subscription.CurrentPeriodEnd) shop.Clock.UtcNow = subscription.CurrentPeriodEnd;
        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, new RecordingGateway(new Payments.SimulatedGateway(shop.Clock)))).Result);
        return (id, await InvoiceAsync(database, shop, id));
    }

    public static async Task<Invoice> InvoiceAsync(TestDatabase database, CheckoutSteps shop, Guid subscriptionId)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.Invoices.AsNoTracking().SingleAsync(i => i.SubscriptionId == subscriptionId);
    }

    /// <summary>The messages the dunning job queued (they alone carry the update-card link), oldest first.</summary>
    public static async Task<List<OutboxMessage>> DunningOutboxAsync(TestDatabase database, OutboxKind kind = OutboxKind.Email)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == kind && m.TextBody.Contains(BillingJobHost.Origin + "/portal/"))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    public static async Task<List<DunningMessage>> ClaimsAsync(TestDatabase database, CheckoutSteps shop)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.DunningMessages.AsNoTracking().OrderBy(m => m.Day).ToListAsync();
    }

    /// <summary>The customer pays: the card becomes one that works and the invoice's due attempt is made.</summary>
    public static async Task PayAsync(TestDatabase database, CheckoutSteps shop, Guid subscriptionId, Invoice invoice)
    {
        await UseCardAsync(database, shop, subscriptionId, "pm_card_visa");
        if (shop.Clock.Now < invoice.NextAttemptAt!.Value) shop.Clock.UtcNow = invoice.NextAttemptAt.Value;
        await using var db = database.CreateContext(shop.Tenant);
        var outcome = await Collection(db, shop.Clock, new Payments.SimulatedGateway(shop.Clock)).CollectAsync(invoice.Id, default);
        Assert.Equal(BillingResult.Paid, outcome.Result);
    }
}
