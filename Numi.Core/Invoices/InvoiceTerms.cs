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
    /// <summary>A subscription whose next invoice's terms are asked, with the cycle that invoice bills (null: the tax
    /// alone, no discount).</summary>
    public readonly record struct Request(Subscription Subscription, int? Cycle);

    public async Task<(InvoiceDiscount? Discount, InvoiceTax? Tax)> ForAsync(Subscription subscription, int cycle, CancellationToken ct) =>
        Single(await ForManyAsync([new Request(subscription, cycle)], ct), subscription);

    /// <summary>The tax alone, for a plan change's proration (which takes no discount).</summary>
    public async Task<InvoiceTax?> TaxAsync(Subscription subscription, CancellationToken ct) =>
        Single(await ForManyAsync([new Request(subscription, null)], ct), subscription).Tax;

    /// <summary>The terms of many subscriptions' next invoices in a handful of queries whatever their number (the
    /// renewal's batch): their orders, discount codes, tax-exempt customers, offers and the tax rates of the countries
    /// taxed. A subscription whose order is missing is left out of the answer.</summary>
    public async Task<Dictionary<Guid, (InvoiceDiscount? Discount, InvoiceTax? Tax)>> ForManyAsync(IReadOnlyCollection<Request> requests, CancellationToken ct)
    {
        var terms = new Dictionary<Guid, (InvoiceDiscount?, InvoiceTax?)>();
        foreach (var request in requests.Where(r => r.Subscription.OrderId is null)) terms[request.Subscription.Id] = (null, null);
        var ordered = requests.Where(r => r.Subscription.OrderId is not null).ToList();
        if (ordered.Count == 0) return terms;

        var orderIds = ordered.Select(r => r.Subscription.OrderId!.Value).Distinct().ToList();
        var orders = (await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id))
            .Select(o => new { o.Id, o.DiscountCodeId, o.DiscountDuration, o.DiscountDurationCycles, o.OfferId, o.Details }).ToListAsync(ct))
            .ToDictionary(o => o.Id);
        var codeIds = orders.Values.Where(o => o.DiscountCodeId is not null).Select(o => o.DiscountCodeId!.Value).Distinct().ToList();
        var codes = codeIds.Count == 0 ? [] : await db.DiscountCodes.AsNoTracking().Where(c => codeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var customerIds = ordered.Select(r => r.Subscription.CustomerId).Distinct().ToList();
        var exempt = (await db.Customers.Where(c => customerIds.Contains(c.Id) && c.TaxExempt).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var offerIds = orders.Values.Select(o => o.OfferId).Distinct().ToList();
        var payments = await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Payment, ct);
        var locations = orders.Values.Select(o => (o.Id, Location: payments.TryGetValue(o.OfferId, out var payment) ? o.Details.WhereTaxed(payment) : null))
            .Where(o => o.Location is not null).ToDictionary(o => o.Id, o => o.Location!);
        var countries = locations.Values.Select(l => l.Country).Distinct().ToList();
        var rates = countries.Count == 0 ? [] : await db.TaxRates.AsNoTracking().Where(r => r.Active && countries.Contains(r.Country)).ToListAsync(ct);

        foreach (var (subscription, cycle) in ordered)
        {
            if (!orders.TryGetValue(subscription.OrderId!.Value, out var order)) continue;
            InvoiceDiscount? discount = null;
            if (cycle is { } c && order is { DiscountCodeId: { } codeId, DiscountDuration: { } duration } && DiscountCycles.Covers(duration, order.DiscountDurationCycles, c)
                && codes.TryGetValue(codeId, out var code) && (code.ProductIds.Count == 0 || code.ProductIds.Contains(subscription.ProductId)))
                discount = new InvoiceDiscount(code.Code, code.PercentOff, code.AmountOff, code.Currency);
            InvoiceTax? tax = null;
            if (!exempt.Contains(subscription.CustomerId) && locations.TryGetValue(order.Id, out var location)
                && CheckoutTax.RateFor(rates, location) is { } rate)
                tax = new InvoiceTax(rate.DisplayName, rate.RatePpm, rate.Inclusive);
            terms[subscription.Id] = (discount, tax);
        }
        return terms;
    }

    private static (InvoiceDiscount? Discount, InvoiceTax? Tax) Single(Dictionary<Guid, (InvoiceDiscount?, InvoiceTax?)> terms, Subscription subscription) =>
        terms.TryGetValue(subscription.Id, out var found) ? found
            : throw new InvalidOperationException($"The order that started subscription {subscription.PublicId} is missing.");
}
