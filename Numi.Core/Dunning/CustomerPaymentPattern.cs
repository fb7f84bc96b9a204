using Numi.Core.Common;

namespace Numi.Core.Dunning;

/// <summary>A customer's <see cref="PaymentPattern"/> as the nightly analysis last learned it (one row per customer,
/// analysed each night), so a failed payment's retry is scheduled without reading the customer's history again.
/// <see cref="LearnedAt"/> is when the stored pattern was last written: a night that learns the same pattern leaves the
/// row alone.</summary>
public sealed class CustomerPaymentPattern : IOrganizationOwned
{
    public Guid CustomerId { get; private set; }
    public Guid OrganizationId { get; set; }
    public PaymentPattern Pattern { get; private set; } = PaymentPattern.None("UTC");
    public DateTime LearnedAt { get; private set; }

    private CustomerPaymentPattern() { }

    public static CustomerPaymentPattern For(Guid customerId, PaymentPattern pattern, DateTime now) =>
        new() { CustomerId = customerId, Pattern = pattern, LearnedAt = now };

    public void Replace(PaymentPattern pattern, DateTime now)
    {
        Pattern = pattern;
        LearnedAt = now;
    }
}
