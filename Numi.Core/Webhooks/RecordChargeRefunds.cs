using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary>The processor reports refunds of the charge of <paramref name="PaymentIntent"/> (Stripe's <c>charge.refunded</c>):
/// the charge's refunded total, when given, and the refunds it lists (failed and canceled ones left out).</summary>
public sealed record RecordChargeRefunds(string ChargeId, string PaymentIntent, string? Currency, long? AmountRefunded, IReadOnlyList<ReportedRefund> Refunds);

/// <summary>Refunds made in Stripe's dashboard appear on the order, each once; refunds made from
/// Numi are already there under their processor id and are not counted again (see <see cref="ReportedRefunds"/>). The
/// order's refunded amount is a concurrency token, so a refund made from Numi at the same moment is never added twice.
/// An event whose order does not exist yet (its payment is still being completed) waits and is retried; one for a
/// subscription invoice's payment changes nothing (refunds made in Stripe's dashboard are not credit notes yet).</summary>
public sealed class RecordChargeRefundsHandler(INumiDb db, ControllableClock clock)
{
    public async Task<WebhookHandling> HandleAsync(RecordChargeRefunds command, CancellationToken ct)
    {
        var intent = command.PaymentIntent;
        var order = await db.Orders.Include(o => o.Refunds).FirstOrDefaultAsync(o => o.PaymentIntentId == intent, ct);
        if (order is null)
        {
            // A subscription invoice's payment: its refunds from Numi are its credit notes (CreditInvoiceHandler), and
            // waiting for an order that never comes would only retry this event until it gives up.
            if (await db.Invoices.AnyAsync(i => i.PaymentIntentId == intent, ct))
                return WebhookHandling.Nothing($"Payment {intent} paid an invoice; its refunds are recorded as credit notes when made from Numi.");
            return WebhookHandling.Later($"No order has payment {intent} yet.");
        }
        if (command.Currency is { } currency && currency != order.Currency)
            return WebhookHandling.Nothing($"The charge is in {currency}, order #{order.Number} in {order.Currency}; nothing recorded.");

        var listed = command.Refunds.Where(r => r.Id.Length is > 0 and <= 100).ToList();
        var missing = ReportedRefunds.Missing(order, listed, command.AmountRefunded, command.ChargeId.Length > 0 ? command.ChargeId : intent);
        if (missing.Count == 0) return WebhookHandling.Nothing($"Order #{order.Number} already shows these refunds.");

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var refund in missing)
            order.Refunded(refund.Amount, refund.Reason is null ? "Refunded in Stripe" : $"Refunded in Stripe ({refund.Reason})", refund.Id, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsLostRace(e))
        {
            // A refund from Numi (or this event on another node) was recorded at the same moment: look again.
            return WebhookHandling.Later($"Order #{order.Number} was refunded at the same moment; looking again.");
        }
        return WebhookHandling.Applied($"Order #{order.Number}: recorded {missing.Count} refund(s) made in Stripe, {Money.Format(missing.Sum(r => r.Amount), order.Currency)}.");
    }
}
