using global::Stripe;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary><c>charge.refunded</c>: the charge's refunded total and its listed refunds (failed and canceled ones left
/// out) brought onto the order by <see cref="RecordChargeRefundsHandler"/>.</summary>
public sealed class ChargeRefundedHandler(RecordChargeRefundsHandler record) : StripeObjectHandler<Charge>
{
    public override string Type => "charge.refunded";

    protected override Task<WebhookHandling> ApplyAsync(Charge charge, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(charge.PaymentIntentId)) return Nothing("The charge names no payment intent.");
        var listed = (charge.Refunds?.Data ?? [])
            .Where(r => r.Status is not ("failed" or "canceled"))
            .Select(r => new ReportedRefund(r.Id ?? "", r.Amount, r.Reason))
            .ToList();
        // A charge.refunded event always carries amount_refunded; Stripe.net reads a missing one as 0, and then the
        // listed refunds are the best account of what was refunded.
        long? total = charge.AmountRefunded > 0 ? charge.AmountRefunded : null;
        return record.HandleAsync(new RecordChargeRefunds(charge.Id ?? "", charge.PaymentIntentId, charge.Currency, total, listed), ct);
    }
}
