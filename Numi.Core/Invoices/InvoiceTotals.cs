using Numi.Core.Tax;

namespace Numi.Core.Invoices;

/// <summary>The discount an invoice takes, as the code that started the subscription gave it: a percentage, or an
/// amount in one currency.</summary>
public sealed record InvoiceDiscount(string Code, int? PercentOff, long? AmountOff, string? Currency);

/// <summary>The tax rate an invoice is taxed at, as it was when the invoice was made ("VAT", 200 000 ppm, included).</summary>
public sealed record InvoiceTax(string Name, int RatePpm, bool Inclusive)
{
    public string Label => TaxRate.LabelOf(Name, RatePpm);
}

/// <summary>An invoice's sums, computed the way checkout computes an order's: a percentage is rounded half away from
/// zero once on the subtotal, an amount off is capped at the subtotal (a total is never negative) and taken only in its
/// own currency, and tax is on the subtotal less the discount, added on top or included in it.</summary>
public readonly record struct InvoiceTotals(long Subtotal, long Discount, long Tax, bool TaxInclusive)
{
    public long Total => Subtotal - Discount + (TaxInclusive ? 0 : Tax);

    public static InvoiceTotals Compute(long subtotal, string currency, InvoiceDiscount? discount, InvoiceTax? tax)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(subtotal);
        var off = discount switch
        {
            { PercentOff: { } percent } => (long)Math.Round((decimal)subtotal * percent / 100m, MidpointRounding.AwayFromZero),
            { AmountOff: { } amount } when string.Equals(discount.Currency, currency, StringComparison.Ordinal) => Math.Min(amount, subtotal),
            _ => 0,
        };
        var taxable = checked(subtotal - off);
        var taxed = tax is null ? 0 : TaxRate.TaxOn(taxable, tax.RatePpm, tax.Inclusive);
        var totals = new InvoiceTotals(subtotal, off, taxed, tax?.Inclusive ?? false);
        _ = checked(taxable + (totals.TaxInclusive ? 0 : taxed));
        return totals;
    }
}
