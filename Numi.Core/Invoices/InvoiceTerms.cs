using Microsoft.EntityFrameworkCore;
using Numi.Core.Discounts;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;

namespace Numi.Core.Invoices;

/// <summary>The discount and tax of a subscription's next invoice. The discount follows the order that started the
/// subscription: its code, for as many cycles as its duration covers (<see cref="DiscountCycles"/>), on the code's own
/// terms and products. The tax is the merchant's active rate now for where the order was taxed (as checkout picks it:
/// the region's rate over the country's), none for a tax-exempt customer. A subscription the API started has no order,
/// so no code and no place where it was taxed: its invoices take neither.</summary>
public sealed class InvoiceTerms(Common.INumiDb db)
{
    public async Task<(InvoiceDiscount? Discount, InvoiceTax? Tax)> ForAsync(Subscription subscription, int cycle, CancellationToken ct)
    {
        if (subscription.OrderId is not { } orderId) return (null, null);
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.DiscountCodeId, o.DiscountDuration, o.DiscountDurationCycles, o.OfferId, o.Details }).FirstAsync(ct);
        InvoiceDiscount? discount = null;
        if (order is { DiscountCodeId: { } codeId, DiscountDuration: { } duration } && DiscountCycles.Covers(duration, order.DiscountDurationCycles, cycle))
        {
            var code = await db.DiscountCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == codeId, ct);
            if (code is not null && (code.ProductIds.Count == 0 || code.ProductIds.Contains(subscription.ProductId)))
                discount = new InvoiceDiscount(code.Code, code.PercentOff, code.AmountOff, code.Currency);
        }
        return (discount, await TaxAsync(subscription, order.OfferId, order.Details, ct));
    }

    /// <summary>The tax alone, for a plan change's proration (which takes no discount).</summary>
    public async Task<InvoiceTax?> TaxAsync(Subscription subscription, CancellationToken ct)
    {
        if (subscription.OrderId is not { } orderId) return null;
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.OfferId, o.Details }).FirstAsync(ct);
        return await TaxAsync(subscription, order.OfferId, order.Details, ct);
    }

    private async Task<InvoiceTax?> TaxAsync(Subscription subscription, Guid offerId, Checkout.CheckoutDetails details, CancellationToken ct)
    {
        if (await db.Customers.AnyAsync(c => c.Id == subscription.CustomerId && c.TaxExempt, ct)) return null;
        var payment = await db.Offers.AsNoTracking().Where(o => o.Id == offerId).Select(o => o.Payment).FirstOrDefaultAsync(ct);
        if (payment is null || details.WhereTaxed(payment) is not { } location) return null;
        var rates = await db.TaxRates.AsNoTracking().Where(r => r.Active && r.Country == location.Country).ToListAsync(ct);
        return CheckoutTax.RateFor(rates, location) is { } rate ? new InvoiceTax(rate.DisplayName, rate.RatePpm, rate.Inclusive) : null;
    }
}
