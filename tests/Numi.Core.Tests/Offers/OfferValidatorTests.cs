using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tests.Validation;

namespace Numi.Core.Tests.Offers;

public sealed class OfferValidatorTests
{
    private static readonly SlotFields Coffee = new("coffee", "Coffee", Guid.CreateVersion7());
    private static readonly SlotFields Grinder = new("grinder", "Grinder", Guid.CreateVersion7(), Required: false);

    private static readonly CreateOffer Offer = new("Coffee club", "coffee-club", "Beans every month", "usd", OfferStatus.Published, [Coffee, Grinder],
        new OfferDesign { LogoUrl = "https://cdn.example.com/logo.png", Bullets = ["Fresh", "Fast"] },
        new OfferPaymentSettings { CustomFields = [new CustomField("gift_message", "Gift message"), new CustomField("vat", "VAT number")] });

    // ---- Slots ---------------------------------------------------------------------------------------------------

    private static readonly SlotFieldsValidator Slot = new();

    [Fact]
    public void Valid_slots_have_no_errors()
    {
        Assert.Empty(Slot.Check(Coffee));
        Assert.Empty(Slot.Check(Grinder with { MinQuantity = 0, Quantity = 0 }));
        Assert.Empty(Slot.Check(Coffee with { Quantity = 3, MinQuantity = 1, MaxQuantity = 5, Options = [new(Guid.CreateVersion7(), "3 bags")] }));
        Assert.Empty(Slot.Check(Coffee with { Quantity = 10_000 }));
    }

    [Theory]
    [InlineData("Coffee Bag")]
    [InlineData("coffee bag")]
    [InlineData("Coffee")]
    [InlineData("1coffee")]
    [InlineData("coffee-bag")]
    [InlineData("a12345678901234567890123456789012345678901")]
    public void A_slot_key_that_is_not_a_lower_case_identifier_is_invalid(string key)
    {
        var errors = Slot.Check(Coffee with { Key = key });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "key");
        Assert.Single(errors);
    }

    [Fact]
    public void A_slot_without_key_or_name_is_missing_them()
    {
        ErrorAssert.Has(Slot.Check(Coffee with { Key = null }), ErrorCodes.ParameterMissing, "key");
        ErrorAssert.Has(Slot.Check(Coffee with { Name = " " }), ErrorCodes.ParameterMissing, "name");
    }

    [Fact]
    public void A_slot_without_price_is_missing_it()
    {
        var errors = Slot.Check(Coffee with { Price = null });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "price");
        Assert.Single(errors);
    }

    [Fact]
    public void A_maximum_below_the_minimum_is_invalid()
    {
        var errors = Slot.Check(Coffee with { MinQuantity = 5, MaxQuantity = 3, Quantity = 5 });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "max_quantity");
        ErrorAssert.None(errors, "min_quantity");
    }

    [Fact]
    public void A_maximum_below_the_implied_minimum_of_a_required_slot_is_invalid()
    {
        ErrorAssert.Has(Slot.Check(Coffee with { MaxQuantity = 0, Quantity = 0 }), ErrorCodes.ParameterInvalid, "max_quantity");
    }

    [Theory]
    [InlineData(1, 5, 6)]
    [InlineData(2, 5, 1)]
    [InlineData(null, null, 0)]
    [InlineData(null, null, 10_001)]
    [InlineData(null, null, -1)]
    public void A_default_quantity_outside_the_slot_range_is_invalid(int? min, int? max, int quantity)
    {
        var errors = Slot.Check(Coffee with { MinQuantity = min, MaxQuantity = max, Quantity = quantity });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "quantity");
    }

    [Fact]
    public void A_required_slot_with_minimum_0_is_invalid()
    {
        var errors = Slot.Check(Coffee with { MinQuantity = 0 });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "min_quantity");
        Assert.All(errors, e => Assert.Equal("min_quantity", e.Param));
    }

    [Fact]
    public void A_slot_offers_at_most_10_prices_each_with_a_price()
    {
        var eleven = Enumerable.Range(0, 11).Select(_ => new SlotOptionInput(Guid.CreateVersion7())).ToArray();
        ErrorAssert.Has(Slot.Check(Coffee with { Options = eleven }), ErrorCodes.ParameterInvalid, "options");
        ErrorAssert.Has(Slot.Check(Coffee with { Options = [new(null, "3 bags")] }), ErrorCodes.ParameterMissing, "options[0].price");
    }

    // ---- Offers --------------------------------------------------------------------------------------------------

    private static readonly CreateOfferValidator Validator = new();

    [Fact]
    public void A_complete_offer_is_valid()
    {
        Assert.Empty(Validator.Check(Offer));
        Assert.Empty(Validator.Check(new CreateOffer("Coffee club", "coffee-club", null, "EUR")));
    }

    [Fact]
    public void Two_slots_with_the_same_key_are_refused_on_the_second()
    {
        var errors = Validator.Check(Offer with { Slots = [Coffee, Grinder with { Key = "coffee" }] });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "slots[1].key");
        ErrorAssert.None(errors, "slots[0].key");
        Assert.Single(errors);
    }

    [Fact]
    public void Slot_keys_are_compared_after_trimming()
    {
        var errors = Validator.Check(Offer with { Slots = [Coffee, Grinder, Grinder with { Key = " grinder " }] });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "slots[2].key");
    }

    [Fact]
    public void Slot_errors_are_reported_under_their_index()
    {
        var errors = Validator.Check(Offer with { Slots = [Coffee, Grinder with { Price = null, Key = "Bad Key" }] });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "slots[1].price");
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "slots[1].key");
    }

    [Fact]
    public void An_offer_has_at_most_20_slots()
    {
        var slots = Enumerable.Range(0, 21).Select(i => Coffee with { Key = $"slot_{i}" }).ToArray();
        ErrorAssert.Has(Validator.Check(Offer with { Slots = slots }), ErrorCodes.ParameterInvalid, "slots");
        Assert.Empty(Validator.Check(Offer with { Slots = slots[1..] }));
    }

    [Theory]
    [InlineData("Coffee Club")]
    [InlineData("coffee--club")]
    [InlineData("-coffee")]
    [InlineData("ab")]
    [InlineData("checkout")]
    public void A_bad_slug_is_invalid(string slug)
    {
        var errors = Validator.Check(Offer with { Slug = slug });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "slug");
        Assert.Single(errors);
    }

    [Fact]
    public void Name_slug_and_currency_are_required()
    {
        var errors = Validator.Check(new CreateOffer(null, null, null, null));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "name");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "slug");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "currency");
    }

    [Fact]
    public void An_unknown_currency_is_invalid()
    {
        var errors = Validator.Check(Offer with { Currency = "xyz" });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "currency");
        Assert.Single(errors);
    }

    [Fact]
    public void Design_and_payment_errors_are_reported_under_their_section()
    {
        var errors = Validator.Check(Offer with
        {
            Design = new OfferDesign { BrandColor = "red", LogoUrl = "http://x" },
            PaymentSettings = new OfferPaymentSettings { CustomFields = [new CustomField("vat", "VAT"), new CustomField("vat", "VAT again")] },
        });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "design.brand_color");
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "design.logo_url");
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "payment_settings.custom_fields");
        Assert.Equal(3, errors.Count);
    }

    // ---- Design --------------------------------------------------------------------------------------------------

    private static readonly OfferDesignValidator Design = new();

    [Fact]
    public void The_default_design_is_valid() => Assert.Empty(Design.Check(OfferDesign.Default));

    [Theory]
    [InlineData("red")]
    [InlineData("#fff")]
    [InlineData("1f2937")]
    [InlineData("#1f29378")]
    [InlineData("#gggggg")]
    [InlineData("")]
    public void A_colour_that_is_not_six_hex_digits_is_invalid(string colour)
    {
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { BrandColor = colour }), ErrorCodes.ParameterInvalid, "brand_color");
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { AccentColor = colour }), ErrorCodes.ParameterInvalid, "accent_color");
    }

    [Theory]
    [InlineData("#1F2937")]
    [InlineData("#000000")]
    public void Six_hex_digit_colours_are_valid(string colour) =>
        Assert.Empty(Design.Check(OfferDesign.Default with { BrandColor = colour, AccentColor = colour }));

    [Theory]
    [InlineData("http://x")]
    [InlineData("http://example.com/logo.png")]
    [InlineData("//evil.example/logo.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("ftp://example.com/logo.png")]
    [InlineData("logo.png")]
    public void A_logo_that_is_not_https_or_a_local_path_is_refused(string url)
    {
        var errors = Design.Check(OfferDesign.Default with { LogoUrl = url });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "logo_url");
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("/logo.png")]
    [InlineData("https://x/y.png")]
    [InlineData("https://cdn.example.com/brand/logo.svg?v=2")]
    [InlineData("")]
    [InlineData(null)]
    public void An_https_logo_a_local_path_or_none_is_valid(string? url) =>
        Assert.Empty(Design.Check(OfferDesign.Default with { LogoUrl = url }));

    [Fact]
    public void A_logo_url_longer_than_500_characters_is_refused()
    {
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { LogoUrl = "https://x/" + new string('a', 491) }), ErrorCodes.ParameterInvalid, "logo_url");
        Assert.Empty(Design.Check(OfferDesign.Default with { LogoUrl = "https://x/" + new string('a', 490) }));
    }

    [Fact]
    public void Fonts_bullets_and_button_label_are_checked()
    {
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { Font = "comic-sans" }), ErrorCodes.ParameterInvalid, "font");
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { Bullets = [.. Enumerable.Repeat("Fresh", 9)] }), ErrorCodes.ParameterInvalid, "bullets");
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { Bullets = ["ok", new string('b', 141)] }), ErrorCodes.ParameterInvalid, "bullets[1]");
        ErrorAssert.Has(Design.Check(OfferDesign.Default with { ButtonLabel = "" }), ErrorCodes.ParameterMissing, "button_label");
    }

    // ---- Payment settings ----------------------------------------------------------------------------------------

    private static readonly OfferPaymentSettingsValidator Payment = new();

    [Fact]
    public void Distinct_custom_fields_are_valid() => Assert.Empty(Payment.Check(Offer.PaymentSettings!));

    [Fact]
    public void Two_custom_fields_with_the_same_key_are_refused()
    {
        var errors = Payment.Check(new OfferPaymentSettings
        {
            CustomFields = [new CustomField("gift_message", "Gift message"), new CustomField("gift_message", "Another gift message")],
        });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "custom_fields");
        Assert.Single(errors);
    }

    [Fact]
    public void Custom_field_keys_labels_and_count_are_checked()
    {
        ErrorAssert.Has(Payment.Check(new OfferPaymentSettings { CustomFields = [new CustomField("Gift Message", "Gift")] }),
            ErrorCodes.ParameterInvalid, "custom_fields[0].key");
        ErrorAssert.Has(Payment.Check(new OfferPaymentSettings { CustomFields = [new CustomField("gift", "")] }),
            ErrorCodes.ParameterMissing, "custom_fields[0].label");
        var eleven = Enumerable.Range(0, 11).Select(i => new CustomField($"field_{i}", $"Field {i}")).ToArray();
        ErrorAssert.Has(Payment.Check(new OfferPaymentSettings { CustomFields = eleven }), ErrorCodes.ParameterInvalid, "custom_fields");
    }
}
