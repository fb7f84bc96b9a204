using Numi.Core.Common;

namespace Numi.Core.Discounts;

/// <summary>One payment's use of a code. Made when the payment is about to be charged (a reservation, removed again if
/// the card is declined) and given its order in the same save as the order. One per checkout session; and for a
/// once-per-customer code, one per customer: <see cref="OnceKey"/> is unique with the code, so two simultaneous
/// checkouts of the same shopper cannot both use it.</summary>
public sealed class DiscountRedemption : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid DiscountCodeId { get; private set; }
    public Guid CheckoutSessionId { get; private set; }
    public Guid? OrderId { get; private set; }
    /// <summary>The shopper's email key (<see cref="Customers.Customer.KeyOf"/>).</summary>
    public string CustomerKey { get; private set; } = "";
    /// <summary>The email key again when the code is once per customer, else null (nulls never collide in a unique index).</summary>
    public string? OnceKey { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private DiscountRedemption() { }

    public static DiscountRedemption Reserve(DiscountCode code, Guid sessionId, string customerKey, DateTime now) => new()
    {
        OrganizationId = code.OrganizationId, DiscountCodeId = code.Id, CheckoutSessionId = sessionId, CustomerKey = customerKey,
        OnceKey = code.OncePerCustomer ? customerKey : null, CreatedAt = now,
    };

    public void Redeemed(Guid orderId) => OrderId = orderId;
}
