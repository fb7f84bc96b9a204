using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Tests.Validation;

namespace Numi.Core.Tests.Catalog;

public sealed class PricingValidatorTests
{
    private static readonly CreatePriceValidator Validator = new();

    private static readonly CreatePrice PerUnit = new(Guid.CreateVersion7(), "usd", PriceType.OneTime, null, null, null,
        BillingScheme.PerUnit, 500, null, null, null);

    private static readonly CreatePrice Monthly = PerUnit with { Type = PriceType.Recurring, Interval = PriceInterval.Month, IntervalCount = 1 };

    private static readonly CreatePrice Package = PerUnit with { BillingScheme = BillingScheme.Package, UnitAmount = null, Package = new PackageInput(10, 2000) };

    private static CreatePrice Tiered(params TierInput[] tiers) =>
        PerUnit with { BillingScheme = BillingScheme.Tiered, UnitAmount = null, TiersMode = TiersMode.Graduated, Tiers = tiers };

    private static readonly TierInput[] ValidTiers = [new(5, 500), new(10, 400), new(null, 300)];

    // ---- Valid commands ------------------------------------------------------------------------------------------

    [Fact]
    public void A_valid_tiered_price_has_no_errors()
    {
        Assert.Empty(Validator.Check(Tiered(ValidTiers)));
        Assert.Empty(Validator.Check(Tiered(ValidTiers) with { TiersMode = TiersMode.Volume }));
    }

    [Fact]
    public void Tiers_with_correct_from_values_flat_amounts_and_flat_only_tiers_are_valid()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, null, 1000, From: 1), new TierInput(10, 400, 500, From: 6), new TierInput(null, 300, From: 11)));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_valid_package_price_has_no_errors() => Assert.Empty(Validator.Check(Package));

    [Fact]
    public void A_valid_recurring_per_unit_price_has_no_errors()
    {
        Assert.Empty(Validator.Check(Monthly));
        Assert.Empty(Validator.Check(Monthly with { IntervalCount = 36, CancelAfterCycles = 12 }));
        Assert.Empty(Validator.Check(Monthly with { Interval = PriceInterval.Year, IntervalCount = 3 }));
        Assert.Empty(Validator.Check(Monthly with { IntervalCount = null }));
    }

    [Fact]
    public void A_valid_one_time_per_unit_price_has_no_errors_at_the_largest_amount()
    {
        Assert.Empty(Validator.Check(PerUnit));
        Assert.Empty(Validator.Check(PerUnit with { UnitAmount = 0 }));
        Assert.Empty(Validator.Check(PerUnit with { UnitAmount = PricingFields.MaxAmount, Currency = "JPY" }));
    }

    // ---- Tiers ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Unsorted_tiers_are_refused_on_the_second_up_to()
    {
        var errors = Validator.Check(Tiered(new TierInput(10, 500), new TierInput(5, 400), new TierInput(null, 300)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].up_to");
        ErrorAssert.None(errors, "tiers[0].up_to");
    }

    [Fact]
    public void Tiers_ending_at_the_same_quantity_overlap_and_are_refused()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500), new TierInput(5, 400), new TierInput(null, 300)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].up_to");
    }

    [Fact]
    public void A_gap_named_by_from_is_refused_on_that_from()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500), new TierInput(null, 400, From: 8)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].from");
        Assert.Contains("6–7", errors.Single(e => e.Param == "tiers[1].from").Message);
    }

    [Fact]
    public void An_overlap_named_by_from_is_refused_on_that_from()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500), new TierInput(null, 400, From: 4)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].from");
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(2L)]
    public void The_first_tier_starts_at_1(long from)
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500, From: from), new TierInput(null, 400)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[0].from");
    }

    [Fact]
    public void The_last_tier_must_be_open_ended()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500), new TierInput(10, 400)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].up_to");
        ErrorAssert.None(errors, "tiers[0].up_to");
    }

    [Fact]
    public void A_single_bounded_tier_is_refused_as_the_last_tier()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[0].up_to");
    }

    [Fact]
    public void Only_the_last_tier_may_be_open_ended()
    {
        var errors = Validator.Check(Tiered(new TierInput(null, 500), new TierInput(10, 400), new TierInput(null, 300)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[0].up_to");
        ErrorAssert.None(errors, "tiers[2].up_to");
    }

    [Fact]
    public void A_tier_ending_below_1_is_refused()
    {
        var errors = Validator.Check(Tiered(new TierInput(0, 500), new TierInput(null, 400)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[0].up_to");
    }

    [Fact]
    public void A_negative_tier_unit_amount_is_refused()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, -1), new TierInput(null, 300)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[0].unit_amount");
        Assert.Single(errors);
    }

    [Fact]
    public void Tier_amounts_above_the_maximum_or_negative_flat_amounts_are_refused()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, PricingFields.MaxAmount + 1), new TierInput(null, 300, FlatAmount: -5)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[0].unit_amount");
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].flat_amount");
    }

    [Fact]
    public void A_tier_without_unit_or_flat_amount_is_missing_its_unit_amount()
    {
        var errors = Validator.Check(Tiered(new TierInput(5, 500), new TierInput(null, null)));
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "tiers[1].unit_amount");
        Assert.Single(errors);
    }

    [Fact]
    public void A_tiered_price_needs_a_tiers_mode_and_at_most_50_tiers()
    {
        ErrorAssert.Has(Validator.Check(Tiered(ValidTiers) with { TiersMode = null }), ErrorCodes.ParameterMissing, "tiers_mode");

        var many = Enumerable.Range(1, 50).Select(i => new TierInput(i, 100)).Append(new TierInput(null, 50)).ToArray();
        ErrorAssert.Has(Validator.Check(Tiered(many)), ErrorCodes.ParameterInvalid, "tiers");
        Assert.Empty(Validator.Check(Tiered(many[1..])));
    }

    [Fact]
    public void A_tiered_price_with_an_empty_tier_list_is_missing_its_tiers()
    {
        ErrorAssert.Has(Validator.Check(Tiered()), ErrorCodes.ParameterMissing, "tiers");
    }

    /// <summary>A JSON body with "billing_scheme": "tiered" and no "tiers" at all.</summary>
    [Fact]
    public void A_tiered_price_without_tiers_is_missing_its_tiers_rather_than_crashing_the_validator()
    {
        var errors = Validator.Check(Tiered() with { Tiers = null });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "tiers");
    }

    [Fact]
    public void Amounts_belong_to_their_own_scheme()
    {
        ErrorAssert.Has(Validator.Check(Tiered(ValidTiers) with { UnitAmount = 500 }), ErrorCodes.ParameterInvalid, "unit_amount");
        ErrorAssert.Has(Validator.Check(PerUnit with { Tiers = ValidTiers }), ErrorCodes.ParameterInvalid, "tiers");
        ErrorAssert.Has(Validator.Check(PerUnit with { Package = new PackageInput(10, 2000) }), ErrorCodes.ParameterInvalid, "package");
        ErrorAssert.Has(Validator.Check(Package with { UnitAmount = 500 }), ErrorCodes.ParameterInvalid, "unit_amount");
    }

    // ---- Per unit and package ------------------------------------------------------------------------------------

    [Fact]
    public void A_per_unit_price_without_unit_amount_is_missing_it()
    {
        var errors = Validator.Check(PerUnit with { UnitAmount = null });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "unit_amount");
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(PricingFields.MaxAmount + 1)]
    [InlineData(long.MaxValue)]
    public void A_per_unit_amount_out_of_range_is_invalid(long amount)
    {
        var errors = Validator.Check(PerUnit with { UnitAmount = amount });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "unit_amount");
    }

    [Fact]
    public void A_missing_billing_scheme_is_missing()
    {
        ErrorAssert.Has(Validator.Check(PerUnit with { BillingScheme = null }), ErrorCodes.ParameterMissing, "billing_scheme");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-10L)]
    [InlineData(1_000_000_001L)]
    public void A_package_size_out_of_range_is_invalid(long size)
    {
        var errors = Validator.Check(Package with { Package = new PackageInput(size, 2000) });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "package.size");
        Assert.Single(errors);
    }

    [Fact]
    public void A_package_without_size_or_amount_is_missing_them()
    {
        var errors = Validator.Check(Package with { Package = new PackageInput(null, null) });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "package.size");
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "package.unit_amount");
    }

    [Fact]
    public void A_package_without_amount_is_missing_its_unit_amount()
    {
        var errors = Validator.Check(Package with { Package = new PackageInput(10, null) });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "package.unit_amount");
        Assert.Single(errors);
    }

    [Fact]
    public void A_negative_package_amount_is_invalid()
    {
        ErrorAssert.Has(Validator.Check(Package with { Package = new PackageInput(10, -1) }), ErrorCodes.ParameterInvalid, "package.unit_amount");
    }

    [Fact]
    public void A_package_price_without_a_package_is_missing_it()
    {
        var errors = Validator.Check(Package with { Package = null });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "package");
        Assert.Single(errors);
    }

    // ---- Currency, schedule, scope -------------------------------------------------------------------------------

    [Fact]
    public void An_unknown_currency_is_invalid()
    {
        var errors = Validator.Check(PerUnit with { Currency = "xyz" });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "currency");
        Assert.Single(errors);
    }

    [Fact]
    public void A_missing_currency_is_missing()
    {
        ErrorAssert.Has(Validator.Check(PerUnit with { Currency = null }), ErrorCodes.ParameterMissing, "currency");
    }

    [Fact]
    public void A_recurring_price_without_interval_is_missing_it()
    {
        var errors = Validator.Check(Monthly with { Interval = null });
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "interval");
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(PriceInterval.Month, 37)]
    [InlineData(PriceInterval.Year, 4)]
    [InlineData(PriceInterval.Week, 157)]
    [InlineData(PriceInterval.Day, 1096)]
    [InlineData(PriceInterval.Month, 0)]
    [InlineData(PriceInterval.Month, -1)]
    public void A_billing_period_longer_than_three_years_or_below_one_is_invalid(PriceInterval interval, int count)
    {
        var errors = Validator.Check(Monthly with { Interval = interval, IntervalCount = count });
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "interval_count");
        Assert.All(errors, e => Assert.Equal("interval_count", e.Param));
    }

    [Theory]
    [InlineData(PriceInterval.Month, 36)]
    [InlineData(PriceInterval.Year, 3)]
    [InlineData(PriceInterval.Week, 156)]
    [InlineData(PriceInterval.Day, 1095)]
    public void A_billing_period_of_exactly_three_years_is_valid(PriceInterval interval, int count)
    {
        Assert.Empty(Validator.Check(Monthly with { Interval = interval, IntervalCount = count }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Cancel_after_cycles_out_of_range_is_invalid(int cycles)
    {
        ErrorAssert.Has(Validator.Check(Monthly with { CancelAfterCycles = cycles }), ErrorCodes.ParameterInvalid, "cancel_after_cycles");
    }

    [Fact]
    public void A_one_time_price_has_no_schedule()
    {
        ErrorAssert.Has(Validator.Check(PerUnit with { Interval = PriceInterval.Month }), ErrorCodes.ParameterInvalid, "interval");
        ErrorAssert.Has(Validator.Check(PerUnit with { IntervalCount = 1 }), ErrorCodes.ParameterInvalid, "interval_count");
        ErrorAssert.Has(Validator.Check(PerUnit with { CancelAfterCycles = 3 }), ErrorCodes.ParameterInvalid, "cancel_after_cycles");
    }

    [Fact]
    public void A_missing_type_is_missing()
    {
        ErrorAssert.Has(Validator.Check(PerUnit with { Type = null }), ErrorCodes.ParameterMissing, "type");
    }

    [Fact]
    public void A_valid_custom_price_names_its_parent()
    {
        Assert.Empty(Validator.Check(PerUnit with { Scope = PriceScope.Custom, ParentListPriceId = Guid.CreateVersion7() }));
        Assert.Empty(Validator.Check(PerUnit with { Scope = PriceScope.List }));
    }

    /// <summary>The handler reports a wrong parent under <c>parent_list_price</c> and the message names that field,
    /// so the validator's error must use the same param.</summary>
    [Fact]
    public void A_custom_price_without_parent_is_missing_parent_list_price()
    {
        var errors = Validator.Check(PerUnit with { Scope = PriceScope.Custom });
        Assert.Single(errors);
        ErrorAssert.Has(errors, ErrorCodes.ParameterMissing, "parent_list_price");
    }

    [Theory]
    [InlineData(PriceScope.List)]
    [InlineData(null)]
    public void A_list_price_with_a_parent_is_invalid_on_parent_list_price(PriceScope? scope)
    {
        var errors = Validator.Check(PerUnit with { Scope = scope, ParentListPriceId = Guid.CreateVersion7() });
        Assert.Single(errors);
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "parent_list_price");
    }

    [Fact]
    public void The_same_rules_guard_replacing_a_price_amounts()
    {
        var validator = new ReplacePriceAmountsValidator();
        Assert.Empty(validator.Check(new ReplacePriceAmounts(Guid.CreateVersion7(), BillingScheme.Tiered, null, null, TiersMode.Volume, ValidTiers)));

        var errors = validator.Check(new ReplacePriceAmounts(Guid.CreateVersion7(), BillingScheme.Tiered, null, null, TiersMode.Volume,
            [new TierInput(10, 500), new TierInput(5, 400), new TierInput(null, 300)]));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "tiers[1].up_to");
        Assert.Single(errors);
    }

    [Fact]
    public void Validated_fields_become_the_model_the_calculator_prices()
    {
        var tiered = Tiered(new TierInput(5, null, 1000), new TierInput(null, 300)).ToModel();
        Assert.Equal(BillingScheme.Tiered, tiered.Scheme);
        Assert.Equal(TiersMode.Graduated, tiered.TiersMode);
        Assert.Equal([new PriceTier(5, 0, 1000), new PriceTier(null, 300, null)], tiered.Tiers!);

        Assert.Equal(PricingModel.Package(10, 2000), Package.ToModel());
        Assert.Equal(PricingModel.PerUnit(500), PerUnit.ToModel());
    }
}
