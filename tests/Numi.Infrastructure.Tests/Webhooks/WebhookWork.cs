using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Payments;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe.Webhooks;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Webhooks;

/// <summary>Stores Stripe events as the webhook endpoint would and processes them with the Stripe.net handlers (and the Core use cases behind them) inside the
/// shop's organization, the way the background job does.</summary>
internal static class WebhookWork
{
    public static ProcessWebhookEventHandler Processor(NumiDbContext db, IPaymentGateway gateway, ControllableClock clock)
    {
        var fulfilment = CheckoutServices.Fulfilment(db, clock);
        return new ProcessWebhookEventHandler(db, new StripeEventDispatcher(
        [
            new PaymentIntentSucceededHandler(new CompletePaidCheckoutHandler(db, gateway, fulfilment, CheckoutServices.Pricing(db, clock), clock)),
            new PaymentIntentPaymentFailedHandler(new RecordFailedPaymentHandler(db, gateway, clock)),
            new ChargeRefundedHandler(new RecordChargeRefundsHandler(db, clock)),
            new ChargeDisputeCreatedHandler(new RecordDisputeHandler(db, clock)),
        ]), clock);
    }

    public static async Task<Guid> StoreAsync(TestDatabase database, Guid organizationId, string type, object dataObject, ControllableClock clock)
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var payload = JsonSerializer.Serialize(new { id = eventId, @object = "event", type, data = new { @object = dataObject } });
        await using var db = database.CreateContext(new TestTenant(organizationId));
        var stored = WebhookEvent.Receive(organizationId, "stripe", eventId, type, payload, clock.GetUtcNow().UtcDateTime);
        db.WebhookEvents.Add(stored);
        await db.SaveChangesAsync();
        return stored.Id;
    }

    public static async Task<WebhookEventResult> ProcessAsync(TestDatabase database, Guid organizationId, IPaymentGateway gateway, ControllableClock clock, Guid eventId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await Processor(db, gateway, clock).HandleAsync(new ProcessWebhookEvent(eventId), default);
    }

    public static async Task<WebhookEvent> ReadAsync(TestDatabase database, Guid eventId)
    {
        await using var db = database.CreateContext();
        return await db.WebhookEvents.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == eventId);
    }

    public static object Intent(string intent, CheckoutSession session, string? declineCode = null) => new
    {
        id = intent, @object = "payment_intent", amount = session.AmountTotal, currency = session.Currency,
        metadata = new Dictionary<string, string> { [CheckoutOfIntent.MetadataKey] = session.PublicId },
        last_payment_error = declineCode is null ? null : new { code = "card_declined", decline_code = declineCode },
    };

    public static object Charge(string intent, long amountRefunded, params (string Id, long Amount)[] refunds) => new
    {
        id = "ch_" + intent, @object = "charge", payment_intent = intent, currency = "usd", amount_refunded = amountRefunded, refunded = true,
        refunds = new { @object = "list", data = refunds.Select(r => new { id = r.Id, @object = "refund", amount = r.Amount, status = "succeeded" }).ToArray() },
    };

    public static object Dispute(string intent, long amount, string reason = "fraudulent") => new
    {
        id = "dp_" + intent, @object = "dispute", payment_intent = intent, charge = "ch_" + intent, amount, currency = "usd", reason, status = "needs_response",
    };
}
