using Numi.Core.Dunning;
using static Numi.Core.Tests.Dunning.Zones;

namespace Numi.Core.Tests.Dunning;

public sealed class BillingDateSuggestionTests
{
    /// <summary>Renewals on the 3rd failed three times and were paid on the 15th by retries.</summary>
    private static readonly PaymentPattern FailsOnThe3rd = PaymentPattern.Learn(
    [
        .. Enumerable.Range(0, 3).SelectMany(i => new PastPayment[]
        {
            new(Local(Chicago, 2026, 8 + i, 3, 9), false),
            new(Local(Chicago, 2026, 8 + i, 15, 9), true),
        }),
    ], Chicago);

    [Fact]
    public void Failing_renewals_suggest_the_payday()
    {
        var suggestion = BillingDateSuggestion.For(FailsOnThe3rd, 3, RetrySettings.Default);

        Assert.Equal(new BillingDateSuggestion(15, "3 of the last 6 payments succeeded on the 15th; billing on the 15th instead of the 3rd should need fewer retries"), suggestion);
    }

    [Fact]
    public void The_plan_can_turn_suggestions_off() =>
        Assert.Null(BillingDateSuggestion.For(FailsOnThe3rd, 3, RetrySettings.Default with { SuggestBillingDate = false }));

    [Fact]
    public void Billing_on_the_payday_already_needs_no_suggestion() =>
        Assert.Null(BillingDateSuggestion.For(FailsOnThe3rd, 15, RetrySettings.Default));

    [Fact]
    public void A_customer_who_always_pays_needs_no_suggestion()
    {
        var pattern = PaymentPattern.Learn(Paid(Chicago, 9, (2026, 8, 15), (2026, 9, 15), (2026, 10, 15)), Chicago);

        Assert.Null(BillingDateSuggestion.For(pattern, 3, RetrySettings.Default));
    }

    [Fact]
    public void Tied_paydays_suggest_the_first_after_the_billing_day()
    {
        PastPayment[] history = [.. Paid(Chicago, 9, (2026, 6, 1), (2026, 7, 1), (2026, 8, 20), (2026, 9, 20)), new(Local(Chicago, 2026, 10, 10, 9), false)];
        var pattern = PaymentPattern.Learn(history, Chicago);

        Assert.Equal(20, BillingDateSuggestion.For(pattern, 10, RetrySettings.Default)!.Day);
        Assert.Equal(1, BillingDateSuggestion.For(pattern, 25, RetrySettings.Default)!.Day);
    }
}
