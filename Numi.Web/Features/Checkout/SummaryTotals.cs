using Numi.Core.Checkout;
using Numi.Core.Orders;

namespace Numi.Web.Features.Checkout;

/// <summary>The money rows under an order summary's lines. A tax included in the prices is shown but not added.</summary>
public sealed record SummaryTotals(long Subtotal, long Discount, string? DiscountLabel, long Tax, string? TaxLabel, bool TaxInclusive, long Total,
    string? TaxNote = null)
{
    public static SummaryTotals Of(CheckoutCart cart) =>
        new(cart.Subtotal, cart.Discount, cart.DiscountLabel, cart.Tax, cart.TaxLabel, cart.TaxInclusive, cart.Total, cart.TaxNote);

    public static SummaryTotals Of(CheckoutSession session) =>
        new(session.AmountSubtotal, session.AmountDiscount, null, session.AmountTax, null, session.TaxIncluded, session.AmountTotal);

    public static SummaryTotals Of(Order order) =>
        new(order.AmountSubtotal, order.AmountDiscount, order.DiscountCode is { } code ? $"Discount ({code})" : null, order.AmountTax, order.TaxLabel, order.TaxIncluded, order.AmountTotal);
}
