using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Tests.Checkout;

public sealed class CheckoutDetailsTests
{
    private static readonly OfferPaymentSettings Everything = new()
    {
        CollectPhone = true,
        CollectShippingAddress = true,
        CustomFields = [new("vat", "VAT number"), new("size", "Size", CustomFieldType.Number, true), new("terms", "I accept", CustomFieldType.Checkbox, true),
            new("when", "Delivery date", CustomFieldType.Date)],
    };

    private static readonly Address Portland = new("1 Bean St", null, "Portland", "97201", "US");

    private static Dictionary<string, string> Answers(params (string Key, string Value)[] answers) => answers.ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public void Nothing_asked_nothing_required() => Assert.Empty(CheckoutDetails.None.Check(OfferPaymentSettings.Default));

    [Fact]
    public void Complete_answers_pass() =>
        Assert.Empty(new CheckoutDetails("555", null, Portland, Answers(("size", "12"), ("terms", "true"), ("when", "2026-12-01"))).Check(Everything));

    [Fact]
    public void Missing_phone_address_and_required_answers_are_each_named()
    {
        var errors = CheckoutDetails.None.Check(Everything).Select(e => e.Param).ToList();

        Assert.Equal(["customer_phone", "shipping_address.line1", "shipping_address.city", "shipping_address.postal_code",
            "shipping_address.country", "custom_fields.size", "custom_fields.terms"], errors);
    }

    [Theory]
    [InlineData("size", "twelve", "custom_fields.size")]
    [InlineData("when", "01/12/2026", "custom_fields.when")]
    [InlineData("unknown", "x", "custom_fields.unknown")]
    public void Malformed_or_unknown_answers_are_refused(string key, string value, string param)
    {
        var answers = Answers(("size", "12"), ("terms", "true"));
        answers[key] = value;

        var errors = new CheckoutDetails("555", null, Portland, answers).Check(Everything);

        var error = Assert.Single(errors);
        Assert.Equal(param, error.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, error.Code);
    }

    [Fact]
    public void An_unticked_required_box_is_missing() =>
        Assert.Contains(new CheckoutDetails("555", null, Portland, Answers(("size", "1"), ("terms", "false"))).Check(Everything),
            e => e.Param == "custom_fields.terms" && e.Code == ErrorCodes.ParameterMissing);

    [Theory]
    [InlineData("USA")]
    [InlineData("1A")]
    public void A_country_must_be_two_letters(string country) =>
        Assert.Equal("shipping_address.country",
            Assert.Single(new CheckoutDetails("555", null, Portland with { Country = country }, Answers(("size", "1"), ("terms", "true"))).Check(Everything)).Param);
}
