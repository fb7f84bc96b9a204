using Numi.Core.Invoices;

namespace Numi.Core.Tests.Invoices;

/// <summary>An invoice's sums follow checkout's rules: percentage rounded once, half away from zero; an amount off capped
/// and only in its currency; tax on the discounted subtotal, added or included.</summary>
public sealed class InvoiceTotalsTests
{
    private static readonly InvoiceTax SalesTax = new("Sales tax", 88_750, Inclusive: false);
    private static readonly InvoiceTax Vat = new("VAT", 200_000, Inclusive: true);

    [Fact]
    public void No_discount_and_no_tax_is_the_subtotal() =>
        Assert.Equal(new InvoiceTotals(2_000, 0, 0, false), InvoiceTotals.Compute(2_000, "usd", null, null));

    [Fact]
    public void A_percentage_is_rounded_half_away_from_zero_and_added_tax_is_on_the_rest()
    {
        var totals = InvoiceTotals.Compute(1_005, "usd", new InvoiceDiscount("HALF", 50, null, null), SalesTax);

        // 50% of 1005 is 502.5 → 503 off; 502 taxed at 8.875% is 44.55 → 45.
        Assert.Equal((503L, 45L, 547L), (totals.Discount, totals.Tax, totals.Total));
    }

    [Fact]
    public void Included_tax_is_the_part_of_the_discounted_subtotal_and_leaves_the_total()
    {
        var totals = InvoiceTotals.Compute(2_400, "gbp", new InvoiceDiscount("TEN", null, 1_200, "gbp"), Vat);

        // 1200 left; 1200 × 0.2 / 1.2 = 200.
        Assert.Equal((1_200L, 200L, true, 1_200L), (totals.Discount, totals.Tax, totals.TaxInclusive, totals.Total));
    }

    [Fact]
    public void An_amount_off_is_capped_at_the_subtotal()
    {
        var totals = InvoiceTotals.Compute(800, "usd", new InvoiceDiscount("BIG", null, 5_000, "usd"), SalesTax);
        Assert.Equal((800L, 0L, 0L), (totals.Discount, totals.Tax, totals.Total));
    }

    [Fact]
    public void An_amount_off_in_another_currency_takes_nothing() =>
        Assert.Equal(0, InvoiceTotals.Compute(2_000, "usd", new InvoiceDiscount("EUR5", null, 500, "eur"), null).Discount);

    [Fact]
    public void A_draft_invoice_carries_the_discount_code_and_tax_it_was_computed_with()
    {
        var invoice = InvoiceTestData.Open(discount: new InvoiceDiscount("HALF", 50, null, null), tax: SalesTax);

        Assert.Equal((2_000L, "HALF", 1_000L, 89L, 1_089L), (invoice.AmountSubtotal, invoice.DiscountCode, invoice.AmountDiscount, invoice.AmountTax, invoice.AmountTotal));
        Assert.Equal(("Sales tax", 88_750, false), (invoice.TaxName, invoice.TaxRatePpm!.Value, invoice.TaxInclusive));
    }

    [Fact]
    public void A_code_that_takes_nothing_is_not_named_on_the_invoice() =>
        Assert.Null(InvoiceTestData.Open(discount: new InvoiceDiscount("EUR5", null, 500, "eur")).DiscountCode);
}
