using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Offers;

namespace Numi.Core.Tax;

/// <summary>The tax step of <see cref="CheckoutPricing"/>: the merchant's rate for where the shopper is (a region's
/// rate over the country's), on the subtotal less the discount; none for a tax-exempt customer.</summary>
public sealed class CheckoutTax(INumiDb db)
{
    public const string ExemptNote = "Tax exempt";
    public const string LocationHint = "Tax is calculated from your address";

    /// <param name="activeRates">The organization's active rates when the caller holds them already (a checkout page
    /// keeps them in memory with its offer); null to read them from the database.</param>
    public async Task<Result<CheckoutCart>> ApplyAsync(CheckoutCart cart, Offer offer, CheckoutSession? session, CancellationToken ct,
        IReadOnlyList<TaxRate>? activeRates = null)
    {
        var location = session?.Details.WhereTaxed(offer.Payment);
        if (location is null)
            return (activeRates?.Count > 0 || (activeRates is null && await db.TaxRates.AnyAsync(r => r.Active, ct))) ? cart with { TaxNote = LocationHint } : cart;

        var rates = activeRates ?? await db.TaxRates.AsNoTracking().Where(r => r.Active && r.Country == location.Country).ToListAsync(ct);
        if (RateFor(rates, location) is not { } rate) return cart;
        if (session?.CustomerEmail is { } email && await IsExemptAsync(email, ct)) return cart with { TaxNote = ExemptNote };
        return Apply(cart, rate);
    }

    /// <summary>The active rate for <paramref name="location"/>: its region's, else its country's; null when the merchant has none.</summary>
    public static TaxRate? RateFor(IEnumerable<TaxRate> rates, TaxLocation location) =>
        rates.Where(r => r.Active && r.Country == location.Country && (r.Region is null || r.Region == location.Region))
            .OrderBy(r => r.Region is null).ThenBy(r => r.CreatedAt).FirstOrDefault();

    /// <summary>The cart taxed at <paramref name="rate"/>; an error when the total would pass the largest amount.</summary>
    public static Result<CheckoutCart> Apply(CheckoutCart cart, TaxRate rate)
    {
        try
        {
            var taxable = checked(cart.Subtotal - cart.Discount);
            var taxed = cart with { Tax = rate.TaxOn(taxable), TaxInclusive = rate.Inclusive, TaxLabel = rate.Label, TaxRate = rate };
            _ = checked(taxable + (taxed.TaxInclusive ? 0 : taxed.Tax));
            return taxed;
        }
        catch (OverflowException)
        {
            return new Error(Catalog.PriceCalculator.AmountTooLarge, "The order is larger than the largest amount Numi can record.", "selection");
        }
    }

    private Task<bool> IsExemptAsync(string email, CancellationToken ct)
    {
        var key = Customer.KeyOf(email);
        return db.Customers.AnyAsync(c => c.EmailKey == key && c.TaxExempt, ct);
    }
}
