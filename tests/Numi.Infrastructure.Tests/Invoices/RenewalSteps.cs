using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Subscribers made through a real checkout, and the renewal handlers wired as the app wires them.</summary>
internal static class RenewalSteps
{
    private static int _shoppers;

    public static async Task<Guid> SubscribeAsync(TestDatabase database, CheckoutSteps shop, int quantity = 2, TaxLocation? location = null)
    {
        var email = $"shopper{Interlocked.Increment(ref _shoppers)}@example.com";
        var order = await shop.ConfirmAsync((await shop.StartAsync(quantity, location: location)).Id, email);
        Assert.True(order.Succeeded, order.Succeeded ? "" : order.FirstError.Message);
        await using var db = database.CreateContext(shop.Tenant);
        return await db.Subscriptions.Where(s => s.OrderId == order.Value.Id).Select(s => s.Id).SingleAsync();
    }

    /// <summary>A new shop with <paramref name="count"/> subscribers of quantity 1, the clock at the last one's period end
    /// (when all of them are due).</summary>
    public static async Task<(CheckoutSteps Shop, List<Guid> Ids)> DueSubscribersAsync(TestDatabase database, int count)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Core.Catalog.PriceSchedule.Every(Core.Catalog.PriceInterval.Month), 1_000);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await SubscribeAsync(database, shop, quantity: 1));
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, ids[^1])).CurrentPeriodEnd;
        return (shop, ids);
    }

    /// <summary>A new shop's subscriber (quantity 2 at $10.00 a month) paying with <paramref name="paymentMethod"/>, the
    /// clock at the end of its first period, and a recording simulated processor.</summary>
    public static async Task<(CheckoutSteps Shop, Guid Id, RecordingGateway Gateway)> DueSubscriberAsync(TestDatabase database,
        string paymentMethod = "pm_card_visa")
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Core.Catalog.PriceSchedule.Every(Core.Catalog.PriceInterval.Month), 1_000);
        var id = await SubscribeAsync(database, shop);
        if (paymentMethod != "pm_card_visa") await UseCardAsync(database, shop, id, paymentMethod);
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;
        return (shop, id, new RecordingGateway(new Payments.SimulatedGateway(shop.Clock)));
    }

    /// <summary>The customer's saved card becomes <paramref name="paymentMethod"/> (as the portal's card update will do).</summary>
    public static async Task UseCardAsync(TestDatabase database, CheckoutSteps shop, Guid subscriptionId, string paymentMethod)
    {
        await using var db = database.CreateContext(shop.Tenant);
        await db.Subscriptions.Where(s => s.Id == subscriptionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.PaymentMethod, paymentMethod));
    }

    public static RenewSubscriptionHandler Renewal(NumiDbContext db, ControllableClock clock, IPaymentGateway gateway) =>
        new(db, new InvoiceTerms(db), Collection(db, clock, gateway), clock);

    public static InvoiceCollection Collection(NumiDbContext db, ControllableClock clock, IPaymentGateway gateway) =>
        new(db, gateway, new RetryInputs(db), new AfterLastRetryNotices(db, new OutboxEmailSender(db, clock), new BillingJobHost.TestPublicLinks()), clock);

    public static async Task<BillingOutcome> RenewAsync(TestDatabase database, CheckoutSteps shop, Guid subscriptionId, IPaymentGateway gateway)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await Renewal(db, shop.Clock, gateway).HandleAsync(subscriptionId, default);
    }

    public static async Task<Core.Subscriptions.Subscription> SubscriptionAsync(TestDatabase database, CheckoutSteps shop, Guid id)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.Subscriptions.AsNoTracking().Include(s => s.Events).SingleAsync(s => s.Id == id);
    }

    public static async Task<List<Invoice>> InvoicesAsync(TestDatabase database, CheckoutSteps shop)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).OrderBy(i => i.Number).ToListAsync();
    }
}

/// <summary>The simulated processor, recording every charge asked of it; it can die right after the processor charged,
/// before the caller hears back, as a node killed midway would.</summary>
internal sealed class RecordingGateway(IPaymentGateway inner) : ForwardingGateway(inner)
{
    public ConcurrentQueue<(string Key, ChargeOutcome Outcome)> Charges { get; } = new();
    /// <summary>The amount of each charge asked, in the order of <see cref="Charges"/>.</summary>
    public ConcurrentQueue<long> Amounts { get; } = new();
    public bool DieAfterCharging { get; set; }

    /// <summary>Distinct successful payments the processor made.</summary>
    public int Payments => Charges.Where(c => c.Outcome.Succeeded).Select(c => c.Outcome.PaymentIntentId).Distinct().Count();

    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        var outcome = await base.ChargeAsync(request, ct);
        Charges.Enqueue((request.IdempotencyKey, outcome));
        Amounts.Enqueue(request.Amount);
        if (DieAfterCharging) throw new IOException("The node died after the processor charged.");
        return outcome;
    }
}

/// <summary>Holds every charge a moment, so a second runner reaches the invoice while the first is still charging.</summary>
internal sealed class SlowGateway(IPaymentGateway inner) : ForwardingGateway(inner)
{
    public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        await Task.Delay(400, ct);
        return await base.ChargeAsync(request, ct);
    }
}
