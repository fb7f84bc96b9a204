using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

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

    [Theory]
    [InlineData("line1")]
    [InlineData("line2")]
    [InlineData("city")]
    [InlineData("postal_code")]
    [InlineData("country")]
    [InlineData("state")]
    public void A_control_character_in_an_address_field_is_refused_on_that_field(string field)
    {
        var address = field switch
        {
            "line1" => Portland with { Line1 = "1 Bean\u0000St" },
            "line2" => Portland with { Line2 = "Flat\n2" },
            "city" => Portland with { City = "Port\u0085land" },
            "postal_code" => Portland with { PostalCode = "972\u007f01" },
            "country" => Portland with { Country = "U\u0001" },
            _ => Portland with { State = "O\u2028R" },
        };

        var error = Assert.Single(new CheckoutDetails("555", null, address, Answers(("size", "1"), ("terms", "true"))).Check(Everything));

        Assert.Equal($"shipping_address.{field}", error.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, error.Code);
        Assert.EndsWith("cannot contain control characters.", error.Message);
    }

    [Theory]
    [InlineData("size", "1\u00002")]
    [InlineData("vat", "GB\r\n123")]
    [InlineData("vat", "\u001b")]
    [InlineData("vat", "GB\u2029123")]
    public void A_control_character_in_an_answer_is_refused_on_its_question(string key, string value)
    {
        var answers = Answers(("size", "12"), ("terms", "true"));
        answers[key] = value;

        var error = Assert.Single(new CheckoutDetails("555", null, Portland, answers).Check(Everything));

        Assert.Equal($"custom_fields.{key}", error.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, error.Code);
        Assert.EndsWith("cannot contain control characters.", error.Message);
    }

    [Fact]
    public void A_control_character_in_the_phone_asked_for_is_refused() =>
        Assert.Equal("customer_phone",
            Assert.Single(new CheckoutDetails("555\u00000100", null, Portland, Answers(("size", "1"), ("terms", "true"))).Check(Everything)).Param);

    [Fact]
    public void A_phone_and_addresses_not_asked_for_are_not_checked_and_are_dropped()
    {
        var sent = new CheckoutDetails("555\u0000", Portland with { Line1 = "\u0000" }, Portland with { City = "" },
            Answers(("vat", "GB1")), new TaxLocation("FR"));

        var onlyVat = OfferPaymentSettings.Default with { CustomFields = [new("vat", "VAT number")] };

        var asked = sent.AskedBy(onlyVat);

        Assert.Empty(sent.Check(onlyVat));
        Assert.Null(asked.Phone);
        Assert.Null(asked.BillingAddress);
        Assert.Null(asked.ShippingAddress);
        Assert.Equal("GB1", asked.CustomFields?["vat"]);
        Assert.Equal(new TaxLocation("FR"), asked.Location);
    }

    [Fact]
    public void What_is_asked_for_is_kept_and_answers_to_other_questions_are_dropped()
    {
        var sent = new CheckoutDetails("555", Portland, Portland with { City = "Salem" }, Answers(("size", "12"), ("gone", "x")));

        var asked = sent.AskedBy(Everything);

        Assert.Equal("555", asked.Phone);
        Assert.Null(asked.BillingAddress);
        Assert.Equal("Salem", asked.ShippingAddress?.City);
        Assert.Equal(["size"], asked.CustomFields?.Keys);
    }
}
