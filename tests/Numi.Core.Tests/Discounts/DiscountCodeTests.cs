using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;

namespace Numi.Core.Tests.Discounts;

/// <summary>What a code takes off a cart, when it can be used, and what the shared validators accept.</summary>
public sealed class DiscountCodeTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Coffee = Guid.CreateVersion7();
    private static readonly Guid Grinder = Guid.CreateVersion7();

    /// <summary>Coffee ($15.00 a bag unless told) × bags and a grinder ($49.00 unless told) as an order bump.</summary>
    private static CheckoutCart Cart(int bags = 1, bool grinder = true, string currency = "usd", long bagPrice = 1_500, long grinderPrice = 4_900)
    {
        var bag = Price.Create(Coffee, currency, PriceSchedule.OneTime, PricingModel.PerUnit(bagPrice), PriceScope.List, null, null, Now);
        var burr = Price.Create(Grinder, currency, PriceSchedule.OneTime, PricingModel.PerUnit(grinderPrice), PriceScope.List, null, null, Now);
        var offer = Offer.Create("Coffee", "coffee", null, currency, Now);
        offer.AddSlot(new SlotFields("coffee", "Coffee", bag.Id, MaxQuantity: 10));
        offer.AddSlot(new SlotFields("grinder", "Grinder", burr.Id, Required: false, MaxQuantity: 1));
        var selection = new Dictionary<string, SlotChoice> { ["coffee"] = new(bag.Id, bags) };
        if (grinder) selection["grinder"] = new(burr.Id, 1);
        return CheckoutCart.Build(offer, new Dictionary<Guid, Price> { [bag.Id] = bag, [burr.Id] = burr }, selection).Value;
    }

    private static DiscountCode Code(DiscountTerms terms, DiscountLimits? limits = null) =>
        DiscountCode.Create(Guid.CreateVersion7(), terms, limits ?? new DiscountLimits(), Now);

    [Fact]
    public void A_percentage_is_of_the_eligible_sum()
    {
        Assert.Equal(1_410, Code(new DiscountTerms("SAVE15", PercentOff: 15)).AmountFor(Cart(3)).Value); // 15% of $94.00
        Assert.Equal(6_400, Code(new DiscountTerms("FREE", PercentOff: 100)).AmountFor(Cart(1)).Value);
    }

    [Fact]
    public void A_percentage_is_rounded_once_on_the_sum_with_a_half_away_from_zero()
    {
        // $15.50 alone: 1% is 15.5 cents, rounded up to 16.
        Assert.Equal(16, Code(new DiscountTerms("ONE", PercentOff: 1)).AmountFor(Cart(1, grinder: false, bagPrice: 1_550)).Value);
        // $15.50 + $49.50 = $65.00: 1% is 65 cents; rounding each line (16 + 50) would give 66.
        Assert.Equal(65, Code(new DiscountTerms("ONE", PercentOff: 1)).AmountFor(Cart(1, bagPrice: 1_550, grinderPrice: 4_950)).Value);
    }

    [Fact]
    public void An_amount_off_is_capped_at_the_eligible_sum_so_the_total_never_goes_below_zero()
    {
        Assert.Equal(500, Code(new DiscountTerms("FIVE", AmountOff: 500, Currency: "usd")).AmountFor(Cart(1)).Value);
        var huge = Code(new DiscountTerms("HUGE", AmountOff: 1_000_000, Currency: "usd"));
        var cart = Cart(1);
        Assert.Equal(cart.Subtotal, huge.AmountFor(cart).Value);
        Assert.Equal(0, (cart with { Discount = huge.AmountFor(cart).Value }).Total);
    }

    [Fact]
    public void An_amount_off_in_another_currency_does_not_apply()
    {
        var euros = Code(new DiscountTerms("EURO5", AmountOff: 500, Currency: "EUR"));
        var refused = euros.AmountFor(Cart(1));
        Assert.Equal(DiscountErrors.NotApplicableCode, refused.FirstError.Code);
        Assert.Equal("discount_code", refused.FirstError.Param);
        Assert.Contains("EUR", refused.FirstError.Message);
        Assert.Equal(500, euros.AmountFor(Cart(1, currency: "eur")).Value);
    }

    [Fact]
    public void A_line_in_trial_is_due_nothing_today_so_a_code_applies_but_takes_off_only_what_is_due()
    {
        var cart = Cart(2);
        var trial = cart with { Lines = [cart.Lines[0] with { TrialDays = 14 }, cart.Lines[1]], Subtotal = cart.Lines[1].Amount };

        Assert.Equal(980, Code(new DiscountTerms("SAVE20", PercentOff: 20)).AmountFor(trial).Value); // 20% of the grinder's $49.00 only
        Assert.Equal(4_900, Code(new DiscountTerms("BIG", AmountOff: 10_000, Currency: "usd")).AmountFor(trial).Value);
        var coffeeOnly = Code(new DiscountTerms("COFFEE25", PercentOff: 25, ProductIds: [Coffee]));
        var taken = coffeeOnly.AmountFor(trial);
        Assert.True(taken.Succeeded);
        Assert.Equal(0, taken.Value);
        Assert.Equal(trial.Subtotal, (trial with { Discount = taken.Value }).Total);
    }

    [Fact]
    public void A_code_restricted_to_products_discounts_only_their_lines_and_refuses_a_cart_without_them()
    {
        var grinderOnly = Code(new DiscountTerms("GRIND20", PercentOff: 20, ProductIds: [Grinder]));
        Assert.Equal(980, grinderOnly.AmountFor(Cart(3)).Value); // 20% of $49.00, not of the coffee
        Assert.Equal(DiscountErrors.NotApplicableCode, grinderOnly.AmountFor(Cart(3, grinder: false)).FirstError.Code);
        var grinderAmount = Code(new DiscountTerms("GRIND100", AmountOff: 10_000, Currency: "usd", ProductIds: [Grinder]));
        Assert.Equal(4_900, grinderAmount.AmountFor(Cart(3)).Value); // capped at the grinder, the coffee is still paid
    }

    [Fact]
    public void The_validity_window_and_archiving_decide_when_a_code_is_usable()
    {
        var window = Code(new DiscountTerms("WINDOW", PercentOff: 10), new DiscountLimits(ValidFrom: Now, ValidUntil: Now.AddDays(1)));
        Assert.Equal(DiscountErrors.NotYetValidCode, window.CheckUsable(Now.AddSeconds(-1))!.Code);
        Assert.Null(window.CheckUsable(Now));
        Assert.Null(window.CheckUsable(Now.AddDays(1).AddSeconds(-1)));
        Assert.Equal(DiscountErrors.ExpiredCode, window.CheckUsable(Now.AddDays(1))!.Code);
        window.Archive(Now);
        Assert.Equal(DiscountErrors.UnknownCode, window.CheckUsable(Now)!.Code);
        window.Restore(Now);
        Assert.Null(window.CheckUsable(Now));
    }

    [Fact]
    public void The_duration_is_kept_and_cycles_only_for_a_repeating_code()
    {
        var repeating = Code(new DiscountTerms("THREE", PercentOff: 10, Duration: DiscountDuration.Repeating, DurationInCycles: 3));
        Assert.Equal((DiscountDuration.Repeating, (int?)3), (repeating.Duration, repeating.DurationCycles));
        var forever = Code(new DiscountTerms("ALWAYS", PercentOff: 10, Duration: DiscountDuration.Forever, DurationInCycles: 3));
        Assert.Equal((DiscountDuration.Forever, (int?)null), (forever.Duration, forever.DurationCycles));
        Assert.Equal(DiscountDuration.Once, Code(new DiscountTerms("FIRST", PercentOff: 10)).Duration);
    }

    [Fact]
    public void Labels_and_keys_ignore_case_and_say_what_is_taken_off()
    {
        Assert.Equal("WELCOME10", DiscountCode.KeyOf(" welcome10 "));
        Assert.Equal("Welcome10 (10% off)", Code(new DiscountTerms("Welcome10", PercentOff: 10)).Label);
        Assert.Equal("FIVE ($5.00 off)", Code(new DiscountTerms("FIVE", AmountOff: 500, Currency: "USD")).Label);
    }

    [Fact]
    public void An_unknown_code_is_echoed_back_cut_to_forty_characters()
    {
        Assert.Equal("“nope” is not a valid discount code.", DiscountErrors.Unknown("nope").Message);
        Assert.Equal($"“{new string('x', 40)}…” is not a valid discount code.", DiscountErrors.Unknown(new string('x', 5_000)).Message);
    }

    [Theory]
    [InlineData("ab", null, null, null, "code")]
    [InlineData("has space", 10, null, null, "code")]
    [InlineData("OK10", null, null, null, "percent_off")]
    [InlineData("OK10", 0, null, null, "percent_off")]
    [InlineData("OK10", 101, null, null, "percent_off")]
    [InlineData("OK10", 10, 500L, "usd", "percent_off")]
    [InlineData("OK10", null, 0L, "usd", "amount_off")]
    [InlineData("OK10", null, 500L, null, "currency")]
    [InlineData("OK10", null, 500L, "xyz", "currency")]
    public void The_create_validator_names_the_field_at_fault(string code, int? percent, long? amount, string? currency, string param)
    {
        var errors = new CreateDiscountCodeValidator().Check(new CreateDiscountCode(new DiscountTerms(code, percent, amount, currency), new DiscountLimits()));
        Assert.Contains(errors, e => e.Param == param);
    }

    [Fact]
    public void The_validators_accept_good_codes_and_check_cycles_limits_and_windows()
    {
        var create = new CreateDiscountCodeValidator();
        Assert.Empty(create.Check(new CreateDiscountCode(new DiscountTerms("Spring_sale-2026", PercentOff: 100), new DiscountLimits(5, true, Now, Now.AddDays(1)))));
        Assert.Empty(create.Check(new CreateDiscountCode(new DiscountTerms("FIVE", AmountOff: 500, Currency: "usd"), new DiscountLimits())));
        Assert.Contains(create.Check(new CreateDiscountCode(new DiscountTerms("REP", PercentOff: 5, Duration: DiscountDuration.Repeating), new DiscountLimits())),
            e => e.Param == "duration_in_cycles");
        var update = new UpdateDiscountCodeValidator();
        Assert.Contains(update.Check(new UpdateDiscountCode(Guid.Empty, new DiscountLimits(MaxRedemptions: 0))), e => e.Param == "max_redemptions");
        Assert.Contains(update.Check(new UpdateDiscountCode(Guid.Empty, new DiscountLimits(ValidFrom: Now, ValidUntil: Now))), e => e.Param == "valid_until");
    }
    [Theory]
    [InlineData(-1L, null, "valid_from")]
    [InlineData(0L, null, "valid_from")]
    [InlineData(946_684_799L, null, "valid_from")]
    [InlineData(null, 4_102_444_801L, "valid_until")]
    [InlineData(null, 253_402_300_799L, "valid_until")]
    [InlineData(1_800_000_000L, 1_800_000_000L, "valid_until")]
    [InlineData(1_800_000_000L, 1_799_999_999L, "valid_until")]
    public void A_window_before_2000_after_2100_or_ending_before_it_starts_is_refused_on_its_field(long? from, long? until, string param)
    {
        var limits = new DiscountLimits(ValidFrom: Moment(from), ValidUntil: Moment(until));

        var created = new CreateDiscountCodeValidator().Check(new CreateDiscountCode(new DiscountTerms("WINDOW", PercentOff: 10), limits));
        var updated = new UpdateDiscountCodeValidator().Check(new UpdateDiscountCode(Guid.Empty, limits));

        Assert.Equal(param, Assert.Single(created).Param);
        Assert.Equal(param, Assert.Single(updated).Param);
    }

    [Theory]
    [InlineData(946_684_800L, 4_102_444_800L)]
    [InlineData(1_800_000_000L, 1_800_000_001L)]
    public void A_window_inside_the_century_is_accepted_up_to_its_edges(long from, long until) =>
        Assert.Empty(new UpdateDiscountCodeValidator().Check(new UpdateDiscountCode(Guid.Empty, new DiscountLimits(ValidFrom: Moment(from), ValidUntil: Moment(until)))));

    private static DateTime? Moment(long? unix) => unix is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime : null;
}
