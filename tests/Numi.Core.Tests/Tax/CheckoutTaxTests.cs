using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Tax;
using static Numi.Core.Tests.Tax.TaxRateTests;

namespace Numi.Core.Tests.Tax;

/// <summary>Which rate a shopper pays (region over country) and how it meets the cart (after the discount).</summary>
public sealed class CheckoutTaxTests
{
    private static CheckoutCart Cart(long subtotal, long discount = 0) => new("usd", [], subtotal) { Discount = discount };

    [Fact]
    public void A_region_rate_wins_over_the_country_rate_and_other_regions_fall_back_to_the_country()
    {
        var country = Rate(6, false, "US", name: "US tax");
        var california = Rate(7.25m, false, "US", "CA", "California");
        var quebec = Rate(9.975m, false, "CA", "QC", "Quebec");
        var rates = new[] { country, california, quebec };

        Assert.Same(california, CheckoutTax.RateFor(rates, new TaxLocation("US", "CA")));
        Assert.Same(country, CheckoutTax.RateFor(rates, new TaxLocation("US", "NY")));
        Assert.Same(country, CheckoutTax.RateFor(rates, new TaxLocation("US")));
        Assert.Null(CheckoutTax.RateFor(rates, new TaxLocation("CA", "ON")));   // only Quebec is taxed in Canada
        Assert.Null(CheckoutTax.RateFor(rates, new TaxLocation("GB")));
    }

    [Fact]
    public void An_archived_rate_is_never_chosen()
    {
        var california = Rate(7.25m, false, "US", "CA");
        california.SetActive(false, DateTime.UtcNow);
        var country = Rate(6, false, "US");
        Assert.Same(country, CheckoutTax.RateFor([california, country], new TaxLocation("US", "CA")));
    }

    [Fact]
    public void Exclusive_tax_is_on_the_subtotal_less_the_discount_and_is_added_to_the_total()
    {
        var taxed = CheckoutTax.Apply(Cart(10_000, discount: 1_000), Rate(20, false, "GB", name: "VAT")).Value;
        Assert.Equal(1_800, taxed.Tax);
        Assert.Equal(10_800, taxed.Total);
        Assert.False(taxed.TaxInclusive);
        Assert.Equal("VAT 20%", taxed.TaxLabel);
        Assert.Equal(200_000, taxed.TaxRate!.RatePpm);
    }

    [Fact]
    public void Inclusive_tax_is_extracted_from_the_discounted_amount_and_leaves_the_total_alone()
    {
        var taxed = CheckoutTax.Apply(Cart(10_000, discount: 1_000), Rate(20, true, "GB", name: "VAT")).Value;
        Assert.Equal(1_500, taxed.Tax);
        Assert.Equal(9_000, taxed.Total);
        Assert.True(taxed.TaxInclusive);
    }

    [Fact]
    public void A_total_past_the_largest_amount_is_an_error_not_an_overflow()
    {
        var taxed = CheckoutTax.Apply(Cart(long.MaxValue - 10), Rate(1, false));
        Assert.False(taxed.Succeeded);
        Assert.Equal(PriceCalculator.AmountTooLarge, taxed.FirstError.Code);
    }

    [Fact]
    public void The_shopper_is_taxed_where_the_asked_for_address_says_or_where_the_page_located_them()
    {
        var billing = new Address("1 Main St", null, "Los Angeles", "90001", "US", "ca");
        var shipping = new Address("1 High St", null, "London", "N1", "GB");
        var both = new OfferPaymentSettings { CollectBillingAddress = true, CollectShippingAddress = true };
        var shippingOnly = new OfferPaymentSettings { CollectShippingAddress = true };

        Assert.Equal(new TaxLocation("US", "CA"), new CheckoutDetails(null, billing, shipping).WhereTaxed(both));
        Assert.Equal(new TaxLocation("GB"), new CheckoutDetails(null, billing, shipping).WhereTaxed(shippingOnly));
        Assert.Null(new CheckoutDetails(null, billing, shipping).WhereTaxed(OfferPaymentSettings.Default));
        Assert.Equal(new TaxLocation("FR"), new CheckoutDetails(Location: new TaxLocation("FR")).WhereTaxed(OfferPaymentSettings.Default));
        Assert.Null(new CheckoutDetails(null, billing with { Country = "XX" }).WhereTaxed(both));
    }
}
