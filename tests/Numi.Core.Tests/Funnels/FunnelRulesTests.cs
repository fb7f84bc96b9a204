using Numi.Core.Funnels;

namespace Numi.Core.Tests.Funnels;

public sealed class FunnelRulesTests
{
    private static readonly Guid Main = Guid.CreateVersion7();
    private static readonly Guid Extra = Guid.CreateVersion7();

    private static SnapshotStep Step(FunnelStepType type, string name, Guid? offer = null, IReadOnlyList<Guid>? offers = null,
        IReadOnlyList<StepVariant>? variants = null, int controlWeight = 100) =>
        new("step_" + name.ToLowerInvariant().Replace(' ', '_'), type, name, offer, offers ?? [], [], controlWeight, variants ?? []);

    private static SnapshotStep Landing => Step(FunnelStepType.Landing, "Landing");
    private static SnapshotStep Checkout => Step(FunnelStepType.Checkout, "Checkout", Main);
    private static SnapshotStep Upsell => Step(FunnelStepType.Upsell, "Upsell", Extra);
    private static SnapshotStep Downsell => Step(FunnelStepType.Downsell, "Downsell", Extra);
    private static SnapshotStep ThankYou => Step(FunnelStepType.ThankYou, "Thanks");

    private static IReadOnlyList<FunnelRuleViolation> Check(params SnapshotStep[] steps) => FunnelRules.Check(steps, _ => OfferState.Published);

    private static IReadOnlyList<string> Codes(IEnumerable<FunnelRuleViolation> violations) => [.. violations.Select(v => v.Code)];

    [Fact]
    public void A_complete_funnel_passes()
    {
        var selection = Step(FunnelStepType.ProductSelection, "Pick", offers: [Main, Extra]);
        Assert.Empty(Check(Landing, selection, Checkout, Upsell, Downsell, Step(FunnelStepType.Downsell, "Last chance", Extra), ThankYou));
    }

    [Fact]
    public void A_lone_checkout_passes() => Assert.Empty(Check(Checkout));

    [Fact]
    public void No_steps_is_one_funnel_wide_violation()
    {
        var violation = Assert.Single(Check());
        Assert.Null(violation.StepKey);
        Assert.Equal("steps_missing", violation.Code);
    }

    [Fact]
    public void A_funnel_without_checkout_is_refused() =>
        Assert.Equal(["checkout_missing"], Codes(Check(Landing, ThankYou)).Where(c => c == "checkout_missing"));

    [Fact]
    public void Thank_you_must_be_last()
    {
        var violation = Assert.Single(Check(Checkout, ThankYou, Landing));
        Assert.Equal(("thank_you_not_last", ThankYou.Key), (violation.Code, violation.StepKey));
        Assert.Contains("'Thanks'", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_thank_you()
    {
        var second = Step(FunnelStepType.ThankYou, "Thanks again");
        Assert.Contains("thank_you_twice", Codes(Check(Checkout, ThankYou, second)));
    }

    [Fact]
    public void Thank_you_must_follow_a_checkout() =>
        Assert.Contains("thank_you_before_checkout", Codes(Check(ThankYou, Checkout)));

    [Fact]
    public void Upsells_and_downsells_come_after_a_checkout()
    {
        var codes = Codes(Check(Upsell, Checkout));
        Assert.Equal(["sale_before_checkout"], codes);
        Assert.Contains("sale_before_checkout", Codes(Check(Downsell, Checkout)));
    }

    [Fact]
    public void A_downsell_follows_an_upsell_directly()
    {
        var violation = Assert.Single(Check(Checkout, Downsell));
        Assert.Equal("downsell_without_upsell", violation.Code);
        Assert.Equal("The downsell 'Downsell' must come directly after an upsell (or another downsell).", violation.Message);
        Assert.Contains("downsell_without_upsell", Codes(Check(Checkout, Upsell, Landing, Downsell)));
    }

    [Fact]
    public void Selling_steps_need_an_offer()
    {
        var violation = Assert.Single(Check(Step(FunnelStepType.Checkout, "Pay")));
        Assert.Equal(("offer_required", "step_pay"), (violation.Code, violation.StepKey));
    }

    [Fact]
    public void A_deleted_offer_is_named_by_step()
    {
        var violations = FunnelRules.Check([Checkout], _ => OfferState.Missing);
        var violation = Assert.Single(violations);
        Assert.Equal("offer_missing", violation.Code);
        Assert.Equal("The offer on step 'Checkout' was deleted.", violation.Message);
    }

    [Theory]
    [InlineData(OfferState.Draft)]
    [InlineData(OfferState.Archived)]
    public void Offers_must_be_published(OfferState state) =>
        Assert.Equal(["offer_not_published"], Codes(FunnelRules.Check([Checkout], _ => state)));

    [Fact]
    public void A_variant_offer_is_checked_too()
    {
        var variant = new StepVariant("a", "Cheaper", 50, OfferId: Extra);
        var step = Step(FunnelStepType.Checkout, "Checkout", Main, variants: [variant]);
        var violation = Assert.Single(FunnelRules.Check([step], id => id == Extra ? OfferState.Missing : OfferState.Published));
        Assert.Contains("variant 'Cheaper'", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_product_selection_needs_offers_and_comes_before_the_checkout()
    {
        Assert.Contains("offers_required", Codes(Check(Step(FunnelStepType.ProductSelection, "Pick"), Checkout)));
        var late = Step(FunnelStepType.ProductSelection, "Pick", offers: [Main]);
        Assert.Equal(["selection_after_checkout"], Codes(Check(Checkout, late)));
        Assert.Empty(Check(late, Checkout));
        var missing = FunnelRules.Check([late, Step(FunnelStepType.Checkout, "Checkout", Extra)], id => id == Main ? OfferState.Missing : OfferState.Published);
        Assert.Equal(("offer_missing", late.Key), (Assert.Single(missing).Code, missing[0].StepKey));
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(100, 101)]
    [InlineData(-1, 50)]
    [InlineData(101, 50)]
    public void Variant_weights_are_checked(int control, int variant)
    {
        var step = Step(FunnelStepType.Landing, "Landing", variants: [new StepVariant("a", "B", variant)], controlWeight: control);
        Assert.Equal(["variants_invalid"], Codes(Check(step, Checkout)));
    }

    [Fact]
    public void Valid_weights_and_a_zero_control_pass()
    {
        var step = Step(FunnelStepType.Landing, "Landing", variants: [new StepVariant("a", "B", 1), new StepVariant("b", "C", 100)], controlWeight: 0);
        Assert.Empty(Check(step, Checkout));
    }

    [Fact]
    public void Variant_keys_are_unique_and_not_control()
    {
        var twice = Step(FunnelStepType.Landing, "Landing", variants: [new StepVariant("a", "B", 10), new StepVariant("a", "C", 10)]);
        var control = Step(FunnelStepType.Landing, "Landing", variants: [new StepVariant(StepVariant.ControlKey, "B", 10)]);
        Assert.Equal(["variants_invalid"], Codes(Check(twice, Checkout)));
        Assert.Equal(["variants_invalid"], Codes(Check(control, Checkout)));
    }
}
