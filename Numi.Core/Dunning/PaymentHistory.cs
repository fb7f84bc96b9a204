namespace Numi.Core.Dunning;

/// <summary>A customer's payments as Numi records them: each order was paid when it was made; an invoice is a success
/// when paid and a failure when attempted and still unpaid.</summary>
public static class PaymentHistory
{
    public static PastPayment OfOrder(DateTime createdAt) => new(createdAt, true);

    public static PastPayment OfInvoice(DateTime? paidAt, DateTime? lastAttemptAt) =>
        paidAt is { } paid ? new PastPayment(paid, true) : new PastPayment(lastAttemptAt ?? throw new ArgumentException("An invoice never attempted is no payment.", nameof(lastAttemptAt)), false);
}
