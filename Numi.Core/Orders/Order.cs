using Numi.Core.Common;

namespace Numi.Core.Orders;

public enum OrderStatus { Paid, PartiallyRefunded, Refunded }

/// <summary>What a shopper bought and paid, with the prices and amounts as they were at that moment.</summary>
public sealed class Order : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>Counts up from 1001 in each organization: short enough to read aloud on the phone.</summary>
    public int Number { get; private set; }
    public Guid CheckoutSessionId { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid CustomerId { get; private set; }
    /// <summary>The order a one-click upsell followed.</summary>
    public Guid? ParentOrderId { get; private set; }
    public OrderStatus Status { get; private set; }
    public string Currency { get; private set; } = "usd";
    public long AmountSubtotal { get; private set; }
    public long AmountDiscount { get; private set; }
    /// <summary>The code behind the discount, as it was: its text and, for recurring prices, how many renewals it
    /// also discounts (the renewals issue reads these).</summary>
    public Guid? DiscountCodeId { get; private set; }
    public string? DiscountCode { get; private set; }
    public Discounts.DiscountDuration? DiscountDuration { get; private set; }
    public int? DiscountDurationCycles { get; private set; }
    /// <summary>The tax in the total, whether it was added to the prices or included in them.</summary>
    public long AmountTax { get; private set; }
    /// <summary>The name and percentage of the rate the tax was computed at, as they were then ("VAT", 200 000 ppm).</summary>
    public string? TaxName { get; private set; }
    public int? TaxRatePpm { get; private set; }
    public long AmountTotal { get; private set; }
    public string PaymentIntentId { get; private set; } = "";
    /// <summary>The payment method this order was paid with: its one-click upsell charges exactly this one.</summary>
    public string? PaymentMethod { get; private set; }
    public string? CardBrand { get; private set; }
    public string? CardLast4 { get; private set; }
    public List<OrderLine> Lines { get; private set; } = [];
    /// <summary>The phone, addresses and answers the shopper gave at checkout.</summary>
    public Checkout.CheckoutDetails Details { get; private set; } = Checkout.CheckoutDetails.None;
    /// <summary>How much has been given back so far; a concurrency token, so two refunds cannot both spend the same balance.</summary>
    public long AmountRefunded { get; private set; }
    public List<Refund> Refunds { get; private set; } = [];
    /// <summary>The customer's bank disputes the payment (a chargeback): the processor's dispute id (<c>dp_…</c>),
    /// the amount held back, Stripe's reason (such as <c>fraudulent</c>) and when Numi learned of it.</summary>
    public string? DisputeId { get; private set; }
    public long? DisputeAmount { get; private set; }
    public string? DisputeReason { get; private set; }
    public DateTime? DisputedAt { get; private set; }
    /// <summary>The funnel, its published version and the variant shown at checkout when the order came through a
    /// funnel; null for an offer's own checkout.</summary>
    public Guid? FunnelId { get; private set; }
    public Guid? FunnelVersionId { get; private set; }
    public string? FunnelVariant { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Order() { }

    public void AttributeToFunnel(Guid funnelId, Guid versionId, string? variant)
    {
        FunnelId = funnelId;
        FunnelVersionId = versionId;
        FunnelVariant = variant;
    }

    public const int FirstNumber = 1001;

    public long Refundable => AmountTotal - AmountRefunded;

    /// <summary>The tax was inside the prices rather than added to them.</summary>
    public bool TaxIncluded => AmountTax != 0 && AmountTotal == AmountSubtotal - AmountDiscount;

    /// <summary>"VAT 20%" when the order was taxed at a rate.</summary>
    public string? TaxLabel => TaxName is not null && TaxRatePpm is { } ppm ? Tax.TaxRate.LabelOf(TaxName, ppm) : null;

    /// <summary>The tax row of a receipt, "VAT 20% (included)"; null when the order had no tax.</summary>
    public string? TaxRow => AmountTax == 0 ? null : (TaxLabel ?? "Tax") + (TaxIncluded ? " (included)" : "");

    /// <summary>Checks a refund of <paramref name="amount"/> before the processor is asked: positive, and no more than
    /// what is left.</summary>
    public Result<long> CanRefund(long? amount) => CanRefund(Refundable, Currency, amount);

    /// <summary>The same check for an order seen as data (a page's copy of it): <paramref name="refundable"/> is what is
    /// left to refund, in minor units of <paramref name="currency"/>.</summary>
    public static Result<long> CanRefund(long refundable, string currency, long? amount)
    {
        var wanted = amount ?? refundable;
        if (refundable == 0) return Error.Conflict("This order is already fully refunded.", "amount");
        if (wanted <= 0) return Error.Invalid("amount", "A refund must be more than zero.");
        if (wanted > refundable)
            return Error.Invalid("amount", $"At most {Money.Format(refundable, currency)} is left to refund on this order.");
        return wanted;
    }

    /// <summary>Records a refund the processor made.</summary>
    public Refund Refunded(long amount, string? reason, string gatewayRefundId, DateTime now)
    {
        var refund = Refund.Create(Id, amount, reason, gatewayRefundId, now);
        refund.OrganizationId = OrganizationId;
        Refunds.Add(refund);
        AmountRefunded += amount;
        Status = AmountRefunded >= AmountTotal ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
        return refund;
    }

    /// <summary>Records a dispute the processor reported; false when this dispute is already recorded.</summary>
    public bool Disputed(string disputeId, long amount, string? reason, DateTime now)
    {
        if (DisputeId == disputeId) return false;
        DisputeId = disputeId;
        DisputeAmount = amount;
        DisputeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DisputedAt = now;
        return true;
    }

    internal void Follow(Guid? parentOrderId) => ParentOrderId = parentOrderId;

    internal void Describe(Checkout.CheckoutDetails details) => Details = details;

    /// <summary>The saved payment method (<c>pm_…</c>) the order was paid with, which its subscriptions renew on.</summary>
    public void PaidWith(string? paymentMethod) => PaymentMethod = paymentMethod;

    public string PublicId => Common.PublicId.Format(IdPrefixes.Order, Id);

    public static Order Create(int number, Guid sessionId, Guid offerId, Guid customerId, Checkout.CheckoutCart cart,
        string paymentIntentId, string? brand, string? last4, IEnumerable<OrderLine> lines, DateTime now)
    {
        var order = new Order
        {
            Number = number, CheckoutSessionId = sessionId, OfferId = offerId, CustomerId = customerId, Currency = cart.Currency,
            AmountSubtotal = cart.Subtotal, AmountDiscount = cart.Discount, AmountTax = cart.Tax, AmountTotal = cart.Total, PaymentIntentId = paymentIntentId, CardBrand = brand, CardLast4 = last4,
            CreatedAt = now, Status = OrderStatus.Paid, DiscountCodeId = cart.AppliedDiscount?.CodeId, DiscountCode = cart.AppliedDiscount?.Code,
            DiscountDuration = cart.AppliedDiscount?.Duration, DiscountDurationCycles = cart.AppliedDiscount?.DurationCycles,
            TaxName = cart.TaxRate?.DisplayName, TaxRatePpm = cart.TaxRate?.RatePpm,
        };
        order.Lines.AddRange(lines);
        return order;
    }
}

/// <summary>One line of an order: a snapshot of the product name and price, so later catalog changes never alter it.</summary>
public sealed class OrderLine : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid OrderId { get; private set; }
    public string SlotKey { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public Guid PriceId { get; private set; }
    public string Description { get; private set; } = "";
    public string PriceSummary { get; private set; } = "";
    public int Quantity { get; private set; }
    public long Amount { get; private set; }
    public bool Recurring { get; private set; }

    private OrderLine() { }

    public static OrderLine Create(string slotKey, Guid productId, Guid priceId, string description, string priceSummary, int quantity, long amount, bool recurring) =>
        new()
        {
            SlotKey = slotKey, ProductId = productId, PriceId = priceId, Description = description, PriceSummary = priceSummary,
            Quantity = quantity, Amount = amount, Recurring = recurring,
        };
}
