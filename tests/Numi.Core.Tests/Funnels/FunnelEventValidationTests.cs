using Numi.Core.Common;
using Numi.Core.Funnels.Events;

namespace Numi.Core.Tests.Funnels;

public sealed class FunnelEventValidationTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 18, 0, 0, DateTimeKind.Utc);
    private static readonly FunnelEventContext Context = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
        new HashSet<string>(StringComparer.Ordinal) { "landing", "checkout", "upsell-1" },
        new HashSet<string>(StringComparer.Ordinal) { "a", "b" });

    private static Result<AcceptedFunnelEvent> Validate(FunnelEventInput input, FunnelEventContext? context = null) =>
        FunnelEventValidation.Validate(input, context ?? Context, Now);

    private static Error Refusal(FunnelEventInput input) => Assert.Single(Validate(input).Errors);

    [Fact]
    public void An_order_event_is_accepted_with_the_servers_ids_and_time()
    {
        var accepted = Validate(new FunnelEventInput("order_completed", "checkout", "b", 4999, "EUR")).Value;

        Assert.Equal(new AcceptedFunnelEvent(Context.FunnelSessionId, Context.FunnelId, Context.FunnelVersionId, Context.OrganizationId,
            "checkout", "b", FunnelEventKinds.OrderCompleted, 4999, "eur", Now), accepted);
    }

    [Fact]
    public void Every_kind_is_known_by_its_snake_case_name()
    {
        foreach (var kind in FunnelEventKinds.All) Assert.Equal(kind, Validate(new FunnelEventInput(kind, "landing")).Value.Kind);
        Assert.Equal(["step_viewed", "step_completed", "checkout_started", "order_completed", "upsell_accepted", "upsell_declined"], FunnelEventKinds.All);
    }

    [Fact]
    public void A_step_view_needs_no_variant_and_no_money()
    {
        var accepted = Validate(new FunnelEventInput("step_viewed", "landing")).Value;

        Assert.Null(accepted.VariantKey);
        Assert.Null(accepted.AmountMinor);
        Assert.Null(accepted.Currency);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("StepViewed")]
    [InlineData("STEP_VIEWED")]
    [InlineData(" step_viewed")]
    [InlineData("page_viewed")]
    public void An_unknown_kind_is_refused(string? kind)
    {
        var error = Refusal(new FunnelEventInput(kind, "landing"));

        Assert.Equal(("kind", ErrorCodes.ParameterInvalid), (error.Param, error.Code));
        Assert.StartsWith("Unknown event kind; use one of step_viewed, step_completed,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_keys_must_belong_to_the_funnel()
    {
        Assert.Equal("That step is not part of this funnel.", Refusal(new FunnelEventInput("step_viewed", "other")).Message);
        Assert.Equal("Keys are at most 64 characters.", Refusal(new FunnelEventInput("step_viewed", new string('s', 65))).Message);
        Assert.Equal(ErrorCodes.ParameterMissing, Refusal(new FunnelEventInput("step_viewed", null)).Code);
        Assert.Equal(ErrorCodes.ParameterMissing, Refusal(new FunnelEventInput("step_viewed", "")).Code);
        Assert.Equal("step_key", Refusal(new FunnelEventInput("step_viewed", "landing\n")).Param);
        Assert.Equal("step_key", Refusal(new FunnelEventInput("step_viewed", "Landing")).Param);
    }

    [Fact]
    public void Variant_keys_must_belong_to_the_funnel_when_it_lists_them()
    {
        Assert.Equal("That variant is not part of this funnel.", Refusal(new FunnelEventInput("step_viewed", "landing", "z")).Message);
        Assert.Equal("variant_key", Refusal(new FunnelEventInput("step_viewed", "landing", new string('v', 65))).Param);
        Assert.Equal("variant_key", Refusal(new FunnelEventInput("step_viewed", "landing", " a")).Param);

        var anyVariant = Context with { VariantKeys = null };
        Assert.Equal("z", Validate(new FunnelEventInput("step_viewed", "landing", "z"), anyVariant).Value.VariantKey);
        Assert.Equal("variant_key", Assert.Single(Validate(new FunnelEventInput("step_viewed", "landing", new string('v', 65)), anyVariant).Errors).Param);
    }

    [Theory]
    [InlineData(-1L, "usd", "amount_minor", "The amount cannot be negative.")]
    [InlineData(1_000_000_000_000L, "usd", "amount_minor", "The amount can be at most 999999999999 in minor units.")]
    [InlineData(100L, "us", "currency", "The currency must be a three-letter ISO code Numi accepts.")]
    [InlineData(100L, "usdd", "currency", "The currency must be a three-letter ISO code Numi accepts.")]
    [InlineData(100L, " usd", "currency", "The currency must be a three-letter ISO code Numi accepts.")]
    [InlineData(100L, "u$d", "currency", "The currency must be a three-letter ISO code Numi accepts.")]
    [InlineData(100L, "xyz", "currency", "The currency must be a three-letter ISO code Numi accepts.")]
    [InlineData(100L, null, "currency", "An amount needs a currency.")]
    [InlineData(null, "usd", "amount_minor", "A currency needs an amount.")]
    public void Money_must_be_a_non_negative_amount_in_a_known_currency(long? amount, string? currency, string param, string message)
    {
        var error = Refusal(new FunnelEventInput("upsell_accepted", "upsell-1", null, amount, currency));

        Assert.Equal((param, message), (error.Param, error.Message));
    }

    [Fact]
    public void A_zero_amount_is_money_too()
    {
        var accepted = Validate(new FunnelEventInput("upsell_accepted", "upsell-1", null, 0, "JPY")).Value;

        Assert.Equal((0L, "jpy"), (accepted.AmountMinor, accepted.Currency));
    }

    [Fact]
    public void Callers_must_stamp_in_utc()
    {
        Assert.Throws<ArgumentException>(() => FunnelEventValidation.Validate(new FunnelEventInput("step_viewed", "landing"), Context, DateTime.Now));
        Assert.Throws<ArgumentNullException>(() => FunnelEventValidation.Validate(null!, Context, Now));
    }
}
