using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Core.Tests.Tax;

/// <summary>A location an API caller names (checked, not dropped) and which location a payment keeps.</summary>
public sealed class TaxLocationTests
{
    [Theory]
    [InlineData("us", "ca", "US", "CA")]
    [InlineData(" GB ", null, "GB", null)]
    [InlineData("US", "  ", "US", null)]
    [InlineData("CA", "qc", "CA", "QC")]
    public void Read_normalizes_a_well_formed_country_and_state(string country, string? state, string expectedCountry, string? expectedRegion)
    {
        var read = TaxLocation.Read(country, state, "tax_location");

        Assert.True(read.Succeeded, read.Succeeded ? "" : read.FirstError.Message);
        Assert.Equal(new TaxLocation(expectedCountry, expectedRegion), read.Value);
    }

    [Theory]
    [InlineData(null, null, ErrorCodes.ParameterMissing, "tax_location.country")]
    [InlineData("", "CA", ErrorCodes.ParameterMissing, "tax_location.country")]
    [InlineData("USA", null, ErrorCodes.ParameterInvalid, "tax_location.country")]
    [InlineData("U1", null, ErrorCodes.ParameterInvalid, "tax_location.country")]
    [InlineData("ÜS", null, ErrorCodes.ParameterInvalid, "tax_location.country")]
    [InlineData("ZZ", null, ErrorCodes.ParameterInvalid, "tax_location.country")]
    [InlineData("US", "CALI", ErrorCodes.ParameterInvalid, "tax_location.state")]
    [InlineData("US", "C-A", ErrorCodes.ParameterInvalid, "tax_location.state")]
    public void Read_refuses_a_malformed_country_or_state_on_its_field(string? country, string? state, string errorCode, string param)
    {
        var read = TaxLocation.Read(country, state, "tax_location");

        Assert.False(read.Succeeded);
        Assert.Equal((errorCode, param), (read.FirstError.Code, read.FirstError.Param));
    }

    [Fact]
    public void Read_reports_a_bad_country_and_a_bad_state_together()
    {
        var read = TaxLocation.Read("XYZ", "TOOLONG", "tax_location");

        Assert.Equal(["tax_location.country", "tax_location.state"], read.Errors.Select(e => e.Param));
    }

    [Fact]
    public void A_payment_where_the_offer_asks_for_an_address_drops_the_named_location_so_the_address_decides()
    {
        var billing = new Address("1 Main St", null, "Albany", "12207", "US", "NY");
        var asksBilling = new OfferPaymentSettings { CollectBillingAddress = true };
        var asksShipping = new OfferPaymentSettings { CollectShippingAddress = true };
        var named = new CheckoutDetails(BillingAddress: billing, ShippingAddress: billing with { State = "WA" }, Location: new TaxLocation("US", "CA"));

        Assert.Equal(new TaxLocation("US", "NY"), named.ForPayment(asksBilling, new TaxLocation("GB")).WhereTaxed(asksBilling));
        Assert.Equal(new TaxLocation("US", "WA"), named.ForPayment(asksShipping, null).WhereTaxed(asksShipping));
    }

    [Fact]
    public void A_payment_where_the_offer_asks_for_no_address_keeps_the_earlier_location_unless_it_names_one()
    {
        var none = OfferPaymentSettings.Default;
        var earlier = new TaxLocation("US", "CA");

        Assert.Equal(earlier, CheckoutDetails.None.ForPayment(none, earlier).WhereTaxed(none));
        Assert.Equal(new TaxLocation("GB"), new CheckoutDetails(Location: new TaxLocation("GB")).ForPayment(none, earlier).WhereTaxed(none));
        Assert.Null(CheckoutDetails.None.ForPayment(none, null).WhereTaxed(none));
    }
}
