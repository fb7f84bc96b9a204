namespace Numi.Core.Dunning;

/// <summary>A better day of the month to bill a customer on, when the plan lets Numi suggest one
/// (<see cref="RetrySettings.SuggestBillingDate"/>): their learned payday, if renewals on the current day have been
/// failing. A customer who always pays on their billing day needs no suggestion, however their money arrives.</summary>
public sealed record BillingDateSuggestion(int Day, string Reason)
{
    /// <summary>The suggestion for a subscription billed on <paramref name="billingDay"/> (its anchor's day of the month in
    /// the pattern's zone), or null. Among tied paydays the first after the billing day is taken, so the next period is
    /// shortened by as little as possible.</summary>
    public static BillingDateSuggestion? For(PaymentPattern pattern, int billingDay, RetrySettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(billingDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(billingDay, 31);
        if (!settings.SuggestBillingDate || !pattern.HasPayday || pattern.SampleFailures == 0 || (pattern.DayMask & (1 << billingDay)) != 0) return null;
        var after = PaymentPattern.FirstBit(pattern.DayMask, billingDay + 1);
        var day = after > 0 ? after : PaymentPattern.FirstBit(pattern.DayMask, 1);
        return new BillingDateSuggestion(day,
            $"{pattern.DescribeDay(day)}; billing on the {PaymentPattern.Ordinal(day)} instead of the {PaymentPattern.Ordinal(billingDay)} should need fewer retries");
    }
}
