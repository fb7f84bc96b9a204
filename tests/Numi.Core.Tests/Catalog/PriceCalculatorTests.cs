using Numi.Core.Catalog;
using Numi.Core.Common;

namespace Numi.Core.Tests.Catalog;

public sealed class PriceCalculatorTests
{
    // ---- Models -------------------------------------------------------------------------------------------------

    private static readonly PricingModel PerUnit500 = PricingModel.PerUnit(500);
    private static readonly PricingModel PerUnit1 = PricingModel.PerUnit(1);
    private static readonly PricingModel PerUnit99 = PricingModel.PerUnit(99);
    private static readonly PricingModel PerUnitMax = PricingModel.PerUnit(PricingFields.MaxAmount);
    private static readonly PricingModel Package10 = PricingModel.Package(10, 2000);
    private static readonly PricingModel Package1 = PricingModel.Package(1, 300);

    /// <summary>Stripe's worked example: units 1–5 at $5.00, 6–10 at $4.00, 11 and up at $3.00.</summary>
    private static readonly PriceTier[] StripeTiers = [new(5, 500, null), new(10, 400, null), new(null, 300, null)];

    private static readonly PricingModel StripeGraduated = PricingModel.Tiered(TiersMode.Graduated, StripeTiers);
    private static readonly PricingModel StripeVolume = PricingModel.Tiered(TiersMode.Volume, StripeTiers);

    /// <summary>The same tiers with a flat amount: $10.00 for tier 1, $5.00 for tier 2, none for tier 3.</summary>
    private static readonly PriceTier[] FlatTiers = [new(5, 500, 1000), new(10, 400, 500), new(null, 300, 0)];

    private static readonly PricingModel GraduatedFlat = PricingModel.Tiered(TiersMode.Graduated, FlatTiers);
    private static readonly PricingModel VolumeFlat = PricingModel.Tiered(TiersMode.Volume, FlatTiers);

    /// <summary>A base fee: the first 5 units are covered by a flat $10.00, then $3.00 each.</summary>
    private static readonly PricingModel GraduatedBaseFee =
        PricingModel.Tiered(TiersMode.Graduated, new PriceTier(5, null, 1000), new PriceTier(null, 300, null));

    /// <summary>Volume with a flat-only first tier: up to 10 units cost $50.00 in total, more cost $4.00 each.</summary>
    private static readonly PricingModel VolumeBundle =
        PricingModel.Tiered(TiersMode.Volume, new PriceTier(10, 0, 5000), new PriceTier(null, 400, null));

    /// <summary>Yen: up to 100 at ¥10, then ¥8.</summary>
    private static readonly PriceTier[] YenTiers = [new(100, 10, null), new(null, 8, null)];

    private static readonly PricingModel YenGraduated = PricingModel.Tiered(TiersMode.Graduated, YenTiers);
    private static readonly PricingModel YenVolume = PricingModel.Tiered(TiersMode.Volume, YenTiers);

    /// <summary>Each line fits in a long, their sum does not.</summary>
    private static readonly PricingModel SumOverflows =
        PricingModel.Tiered(TiersMode.Graduated, new PriceTier(4_000_000_000_000_000_000, 2, null), new PriceTier(null, 2, null));

    /// <summary>quantity × unit fits, adding the flat amount does not.</summary>
    private static readonly PricingModel FlatOverflows =
        PricingModel.Tiered(TiersMode.Volume, new PriceTier(null, 1, PricingFields.MaxAmount));

    // ---- Vectors: name, model, currency, quantity, expected amount in minor units --------------------------------

    public sealed record Vector(string Name, PricingModel Model, string Currency, long Quantity, long Amount);

    private static readonly Vector[] Vectors =
    [
        new("per_unit q0", PerUnit500, "usd", 0, 0),
        new("per_unit q1", PerUnit500, "usd", 1, 500),
        new("per_unit q7", PerUnit500, "usd", 7, 3_500),
        new("per_unit 1e9 at 1c", PerUnit1, "usd", 1_000_000_000, 1_000_000_000),
        new("per_unit 1e9 at 99c", PerUnit99, "usd", 1_000_000_000, 99_000_000_000),
        new("per_unit max amount x 1e6", PerUnitMax, "usd", 1_000_000, 99_999_999_999_000_000),
        new("per_unit long.MaxValue at 1c", PerUnit1, "usd", long.MaxValue, long.MaxValue),

        new("package10 q0", Package10, "usd", 0, 0),
        new("package10 q1", Package10, "usd", 1, 2_000),
        new("package10 q10", Package10, "usd", 10, 2_000),
        new("package10 q11", Package10, "usd", 11, 4_000),
        new("package10 q20", Package10, "usd", 20, 4_000),
        new("package10 q21", Package10, "usd", 21, 6_000),
        new("package1 q5", Package1, "usd", 5, 1_500),

        new("graduated q0", StripeGraduated, "usd", 0, 0),
        new("graduated q1", StripeGraduated, "usd", 1, 500),
        new("graduated q5 (boundary)", StripeGraduated, "usd", 5, 2_500),
        new("graduated q6 (boundary+1)", StripeGraduated, "usd", 6, 2_900),
        new("graduated q10 (boundary)", StripeGraduated, "usd", 10, 4_500),
        new("graduated q11 (boundary+1)", StripeGraduated, "usd", 11, 4_800),
        new("graduated q12 (Stripe example)", StripeGraduated, "usd", 12, 5_100),

        new("volume q0", StripeVolume, "usd", 0, 0),
        new("volume q1", StripeVolume, "usd", 1, 500),
        new("volume q5 (boundary)", StripeVolume, "usd", 5, 2_500),
        new("volume q6 (boundary+1)", StripeVolume, "usd", 6, 2_400),
        new("volume q10 (boundary)", StripeVolume, "usd", 10, 4_000),
        new("volume q11 (boundary+1)", StripeVolume, "usd", 11, 3_300),
        new("volume q12 (Stripe example)", StripeVolume, "usd", 12, 3_600),

        new("graduated flat q0", GraduatedFlat, "usd", 0, 0),
        new("graduated flat q1", GraduatedFlat, "usd", 1, 1_500),
        new("graduated flat q5", GraduatedFlat, "usd", 5, 3_500),
        new("graduated flat q6", GraduatedFlat, "usd", 6, 4_400),
        new("graduated flat q12", GraduatedFlat, "usd", 12, 6_600),
        new("graduated base fee q0", GraduatedBaseFee, "usd", 0, 0),
        new("graduated base fee q3", GraduatedBaseFee, "usd", 3, 1_000),
        new("graduated base fee q5", GraduatedBaseFee, "usd", 5, 1_000),
        new("graduated base fee q6", GraduatedBaseFee, "usd", 6, 1_300),

        new("volume flat q0", VolumeFlat, "usd", 0, 0),
        new("volume flat q5", VolumeFlat, "usd", 5, 3_500),
        new("volume flat q6", VolumeFlat, "usd", 6, 2_900),
        new("volume flat q11", VolumeFlat, "usd", 11, 3_300),
        new("volume bundle q1", VolumeBundle, "usd", 1, 5_000),
        new("volume bundle q10", VolumeBundle, "usd", 10, 5_000),
        new("volume bundle q11", VolumeBundle, "usd", 11, 4_400),

        new("jpy per_unit q3", PricingModel.PerUnit(1_200), "jpy", 3, 3_600),
        new("jpy package q25", PricingModel.Package(10, 1_000), "jpy", 25, 3_000),
        new("jpy graduated q150", YenGraduated, "jpy", 150, 1_400),
        new("jpy volume q100", YenVolume, "jpy", 100, 1_000),
        new("jpy volume q150", YenVolume, "jpy", 150, 1_200),
    ];

    public static TheoryData<string> VectorNames => [.. Vectors.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Quotes_the_expected_amount(string name)
    {
        var vector = Vectors.Single(v => v.Name == name);
        var quote = PriceCalculator.Quote(vector.Model, vector.Currency, vector.Quantity);

        Assert.True(quote.Succeeded, quote.Succeeded ? "" : quote.FirstError.Message);
        Assert.Equal(vector.Amount, quote.Value.Amount);
        Assert.Equal(vector.Quantity, quote.Value.Quantity);
        Assert.Equal(vector.Currency, quote.Value.Currency);
        Assert.Equal(vector.Amount, quote.Value.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void Vector_names_are_unique_and_there_are_enough()
    {
        Assert.Equal(Vectors.Length, Vectors.Select(v => v.Name).Distinct().Count());
        Assert.True(VectorNames.Count >= 35, $"{VectorNames.Count} vectors");
    }

    // ---- Failures: name, model, quantity, expected code ------------------------------------------------------------

    public sealed record Failure(string Name, PricingModel Model, long Quantity, string Code);

    private static readonly Failure[] Failures =
    [
        new("per_unit long.MaxValue at $5", PerUnit500, long.MaxValue, PriceCalculator.AmountTooLarge),
        new("per_unit 1e11 at max amount", PerUnitMax, 100_000_000_000, PriceCalculator.AmountTooLarge),
        new("package1 long.MaxValue", Package1, long.MaxValue, PriceCalculator.AmountTooLarge),
        new("package10 long.MaxValue", Package10, long.MaxValue, PriceCalculator.AmountTooLarge),
        new("graduated long.MaxValue", StripeGraduated, long.MaxValue, PriceCalculator.AmountTooLarge),
        new("volume long.MaxValue", StripeVolume, long.MaxValue, PriceCalculator.AmountTooLarge),
        new("graduated flat long.MaxValue", GraduatedFlat, long.MaxValue, PriceCalculator.AmountTooLarge),
        new("graduated lines sum past long", SumOverflows, 5_000_000_000_000_000_000, PriceCalculator.AmountTooLarge),
        new("volume flat pushes past long", FlatOverflows, long.MaxValue - 1, PriceCalculator.AmountTooLarge),
        new("per_unit q-1", PerUnit500, -1, ErrorCodes.ParameterInvalid),
        new("graduated q-1", StripeGraduated, -1, ErrorCodes.ParameterInvalid),
        new("volume long.MinValue", StripeVolume, long.MinValue, ErrorCodes.ParameterInvalid),
    ];

    public static TheoryData<string> FailureNames => [.. Failures.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FailureNames))]
    public void Refuses_with_an_error_on_quantity_never_an_exception_or_a_wrapped_amount(string name)
    {
        var failure = Failures.Single(f => f.Name == name);
        var quote = PriceCalculator.Quote(failure.Model, "usd", failure.Quantity);

        Assert.False(quote.Succeeded, quote.Succeeded ? $"quoted {quote.Value.Amount}" : "");
        var error = Assert.Single(quote.Errors);
        Assert.Equal(failure.Code, error.Code);
        Assert.Equal("quantity", error.Param);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    // ---- Lines and breakdown -------------------------------------------------------------------------------------

    [Fact]
    public void Graduated_Stripe_example_has_one_line_per_tier_reached()
    {
        var quote = PriceCalculator.Quote(StripeGraduated, "usd", 12).Value;

        Assert.Equal(5_100, quote.Amount);
        Assert.Equal(
            [
                new QuoteLine(Quantity: 5, UnitAmount: 500, FlatAmount: 0, Amount: 2_500, Tier: 1, From: 1, UpTo: 5),
                new QuoteLine(Quantity: 5, UnitAmount: 400, FlatAmount: 0, Amount: 2_000, Tier: 2, From: 6, UpTo: 10),
                new QuoteLine(Quantity: 2, UnitAmount: 300, FlatAmount: 0, Amount: 600, Tier: 3, From: 11, UpTo: null),
            ],
            quote.Lines);
        Assert.Equal("5 × $5.00 + 5 × $4.00 + 2 × $3.00", quote.Breakdown);
    }

    [Fact]
    public void Graduated_quantity_at_a_boundary_does_not_reach_the_next_tier()
    {
        var quote = PriceCalculator.Quote(GraduatedFlat, "usd", 5).Value;

        var line = Assert.Single(quote.Lines);
        Assert.Equal(new QuoteLine(5, 500, 1000, 3_500, Tier: 1, From: 1, UpTo: 5), line);
        Assert.Equal("5 × $5.00 + $10.00 flat", quote.Breakdown);
    }

    [Fact]
    public void Graduated_one_past_a_boundary_adds_the_next_tier_and_its_flat_amount_once()
    {
        var quote = PriceCalculator.Quote(GraduatedFlat, "usd", 6).Value;

        Assert.Equal(
            [
                new QuoteLine(5, 500, 1000, 3_500, Tier: 1, From: 1, UpTo: 5),
                new QuoteLine(1, 400, 500, 900, Tier: 2, From: 6, UpTo: 10),
            ],
            quote.Lines);
        Assert.Equal("5 × $5.00 + $10.00 flat + 1 × $4.00 + $5.00 flat", quote.Breakdown);
    }

    [Fact]
    public void A_flat_only_tier_is_described_by_its_flat_amount()
    {
        var quote = PriceCalculator.Quote(GraduatedBaseFee, "usd", 3).Value;

        Assert.Equal(new QuoteLine(3, 0, 1000, 1_000, Tier: 1, From: 1, UpTo: 5), Assert.Single(quote.Lines));
        Assert.Equal("$10.00 flat", quote.Breakdown);
    }

    [Fact]
    public void Volume_Stripe_example_prices_every_unit_at_the_tier_the_quantity_falls_in()
    {
        var quote = PriceCalculator.Quote(StripeVolume, "usd", 12).Value;

        Assert.Equal(3_600, quote.Amount);
        Assert.Equal(new QuoteLine(12, 300, 0, 3_600, Tier: 3, From: 11, UpTo: null), Assert.Single(quote.Lines));
        Assert.Equal("12 × $3.00", quote.Breakdown);
    }

    [Fact]
    public void Volume_at_a_boundary_uses_the_lower_tier_with_its_flat_amount()
    {
        var quote = PriceCalculator.Quote(VolumeFlat, "usd", 10).Value;

        Assert.Equal(new QuoteLine(10, 400, 500, 4_500, Tier: 2, From: 6, UpTo: 10), Assert.Single(quote.Lines));
        Assert.Equal("10 × $4.00 + $5.00 flat", quote.Breakdown);
    }

    [Fact]
    public void Nothing_bought_on_a_tiered_price_has_no_lines_and_costs_nothing()
    {
        foreach (var model in new[] { StripeGraduated, StripeVolume, GraduatedFlat, VolumeFlat, VolumeBundle })
        {
            var quote = PriceCalculator.Quote(model, "usd", 0).Value;
            Assert.Empty(quote.Lines);
            Assert.Equal(0, quote.Amount);
            Assert.Equal("$0.00", quote.Breakdown);
        }
    }

    [Fact]
    public void Nothing_bought_on_a_per_unit_price_shows_zero_units()
    {
        var quote = PriceCalculator.Quote(PerUnit500, "usd", 0).Value;

        Assert.Equal(new QuoteLine(0, 500, 0, 0), Assert.Single(quote.Lines));
        Assert.Equal("0 × $5.00", quote.Breakdown);
    }

    [Theory]
    [InlineData(1, 1, "1 package × $20.00")]
    [InlineData(10, 1, "1 package × $20.00")]
    [InlineData(11, 2, "2 packages × $20.00")]
    [InlineData(21, 3, "3 packages × $20.00")]
    public void Package_lines_count_started_packages(long quantity, long packages, string breakdown)
    {
        var quote = PriceCalculator.Quote(Package10, "usd", quantity).Value;

        var line = Assert.Single(quote.Lines);
        Assert.True(line.Packages);
        Assert.Equal(packages, line.Quantity);
        Assert.Equal(2_000, line.UnitAmount);
        Assert.Equal(packages * 2_000, line.Amount);
        Assert.Null(line.Tier);
        Assert.Equal(breakdown, quote.Breakdown);
    }

    [Fact]
    public void Yen_amounts_have_no_decimals()
    {
        Assert.Equal("3 × ¥1,200", PriceCalculator.Quote(PricingModel.PerUnit(1_200), "jpy", 3).Value.Breakdown);
        Assert.Equal("100 × ¥10 + 50 × ¥8", PriceCalculator.Quote(YenGraduated, "jpy", 150).Value.Breakdown);
    }

    [Fact]
    public void A_price_is_quoted_in_its_own_currency_with_its_model()
    {
        var price = Price.Create(Guid.CreateVersion7(), "jpy", PriceSchedule.OneTime, YenVolume, PriceScope.List, null, null,
            new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc));

        var quote = PriceCalculator.Quote(price, 150).Value;

        Assert.Equal("jpy", quote.Currency);
        Assert.Equal(1_200, quote.Amount);
        Assert.Equal("150 × ¥8", quote.Breakdown);
    }

    [Fact]
    public void Too_large_an_amount_names_the_quantity_in_its_message()
    {
        var quote = PriceCalculator.Quote(PerUnit500, "usd", long.MaxValue);

        Assert.Equal(PriceCalculator.AmountTooLarge, quote.FirstError.Code);
        Assert.Contains("lower the quantity", quote.FirstError.Message);
        Assert.Throws<InvalidOperationException>(() => quote.Value);
    }

    /// <summary>The validator accepts any up_to on a tier that is not the last, including long.MaxValue; the next
    /// tier then starts at up_to + 1, which must not wrap around to long.MinValue and price units never bought.</summary>
    [Fact]
    public void A_tier_ending_at_long_MaxValue_does_not_wrap_into_the_next_tier()
    {
        var command = new CreatePrice(Guid.CreateVersion7(), "usd", PriceType.OneTime, null, null, null, BillingScheme.Tiered, null, null,
            TiersMode.Graduated, [new TierInput(long.MaxValue, 100), new TierInput(null, 1)]);
        Assert.Empty(new CreatePriceValidator().Check(command));

        var quote = PriceCalculator.Quote(command.ToModel(), "usd", 5);

        Assert.True(quote.Succeeded, quote.Succeeded ? "" : quote.FirstError.Message);
        Assert.Equal(500, quote.Value.Amount);
        Assert.Equal(new QuoteLine(5, 100, 0, 500, Tier: 1, From: 1, UpTo: long.MaxValue), Assert.Single(quote.Value.Lines));
    }
}
