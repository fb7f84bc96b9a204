using global::Stripe;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary><c>charge.dispute.created</c>: the customer's bank disputes a payment; its order shows the dispute.</summary>
public sealed class ChargeDisputeCreatedHandler(RecordDisputeHandler record) : StripeObjectHandler<Dispute>
{
    public override string Type => "charge.dispute.created";

    protected override Task<WebhookHandling> ApplyAsync(Dispute dispute, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(dispute.Id)) return Nothing("The event names no dispute.");
        if (string.IsNullOrEmpty(dispute.PaymentIntentId)) return Nothing("The dispute names no payment intent.");
        // Stripe.net reads a missing amount as 0; no real dispute is of nothing, so the order's total stands in.
        return record.HandleAsync(new RecordDispute(dispute.Id, dispute.PaymentIntentId, dispute.Amount > 0 ? dispute.Amount : null, dispute.Reason), ct);
    }
}
