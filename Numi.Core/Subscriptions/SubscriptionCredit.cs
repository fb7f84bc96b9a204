namespace Numi.Core.Subscriptions;

/// <summary>A refund of one of the subscription's invoices, in its timeline beside the renewal that charged it.</summary>
public sealed partial class Subscription
{
    /// <summary>Money went back to the customer against <paramref name="invoiceNumber"/>: the status stays as it is
    /// (a refund cancels nothing; the merchant cancels separately if they mean to).</summary>
    public SubscriptionEvent InvoiceCredited(string invoiceNumber, long amount, string currency, string? reason, DateTime now) =>
        Record(SubscriptionEventType.InvoiceCredited, Status, now, reason, $"{invoiceNumber}: {Money.Format(amount, currency)} refunded");
}
