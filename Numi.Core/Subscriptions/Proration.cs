using System.Globalization;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>A change of price in the middle of a billing period, to preview before it is confirmed. Amounts are what one
/// whole period costs for the quantity, in minor units. <see cref="NewPeriodEnd"/> is set when the new price has another
/// interval (monthly to yearly): the new price then starts a period of its own at the change, ending there.</summary>
public sealed record PlanChange(
    string OldDescription, long OldAmount, string OldCurrency,
    string NewDescription, long NewAmount, string NewCurrency,
    DateTime PeriodStart, DateTime PeriodEnd, DateTime ChangeAt,
    DateTime? NewPeriodEnd = null);

/// <summary>One line of the preview: a credit (negative) or a charge, over <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record ProrationLine(string Description, long Amount, DateTime From, DateTime To);

public sealed record ProrationPreview(string Currency, IReadOnlyList<ProrationLine> Lines)
{
    /// <summary>What the change costs now: positive is owed by the customer, negative is credit towards the next invoice.</summary>
    public long Total => Lines.Sum(l => l.Amount);
}

/// <summary>Stripe's proration rule: the unused time of the old price is credited and the remaining time of the new price
/// is charged, each in proportion to the seconds left in the period (the change's time truncated to the second, as
/// Stripe's proration dates are Unix seconds). So $10 → $20 half-way through a month credits $5 and charges $10.
/// <para>Rounding: each line is rounded on its own to the nearest minor unit, halves away from zero, computed exactly in
/// 128-bit integers (no floating point). Rounding the magnitude keeps credit and charge symmetric: the same price on
/// both sides nets to exactly zero.</para>
/// <para>A change of interval starts a new period at the change, as Stripe resets the billing cycle then: the unused old
/// time is credited as above and the new price is charged whole, for the new period.</para></summary>
public static class Proration
{
    public static Result<ProrationPreview> Preview(PlanChange change)
    {
        var oldCurrency = Currency.Normalize(change.OldCurrency);
        var newCurrency = Currency.Normalize(change.NewCurrency);
        if (oldCurrency is null || newCurrency is null)
            return Error.Invalid("currency", $"'{(oldCurrency is null ? change.OldCurrency : change.NewCurrency)}' is not a supported ISO 4217 currency code.");
        if (oldCurrency != newCurrency)
            return Error.Invalid("currency", $"A plan change keeps the subscription's currency: it is billed in {oldCurrency.ToUpperInvariant()}, the new price is in {newCurrency.ToUpperInvariant()}.");
        if (change.OldAmount < 0 || change.NewAmount < 0)
            return Error.Invalid("amount", "A price's amount cannot be negative.");

        var start = Seconds(change.PeriodStart);
        var end = Seconds(change.PeriodEnd);
        var at = Seconds(change.ChangeAt);
        if (end <= start) return Error.Invalid("period", "The billing period must end after it starts.");
        if (at < start || at >= end)
            return Error.Invalid("proration_date", $"The change must fall within the current period ({Day(change.PeriodStart)} to {Day(change.PeriodEnd)}).");

        var from = DateTime.UnixEpoch.AddSeconds(at);
        var to = DateTime.SpecifyKind(change.PeriodEnd, DateTimeKind.Utc);
        var remaining = end - at;
        var total = end - start;
        var credit = new ProrationLine($"Unused time on {change.OldDescription} after {Day(from)}", -Share(change.OldAmount, remaining, total), from, to);
        if (change.NewPeriodEnd is not { } newEnd)
            return new ProrationPreview(oldCurrency,
                [credit, new ProrationLine($"Remaining time on {change.NewDescription} after {Day(from)}", Share(change.NewAmount, remaining, total), from, to)]);

        var newTo = DateTime.SpecifyKind(newEnd, DateTimeKind.Utc);
        if (Seconds(newTo) <= at) return Error.Invalid("new_period_end", "The new period must end after the change.");
        return new ProrationPreview(oldCurrency,
            [credit, new ProrationLine($"{change.NewDescription} from {Day(from)} to {Day(newTo)}", change.NewAmount, from, newTo)]);
    }

    /// <summary><paramref name="amount"/> × <paramref name="part"/> / <paramref name="whole"/>, rounded half away from zero
    /// (all three are non-negative here, so: half up).</summary>
    internal static long Share(long amount, long part, long whole)
    {
        var product = (Int128)amount * part;
        var quotient = product / whole;
        var remainder = product % whole;
        if (remainder * 2 >= whole) quotient++;
        return (long)quotient;
    }

    /// <summary>Whole Unix seconds, the fraction dropped: the unit Stripe prorates in.</summary>
    private static long Seconds(DateTime utc) => (DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;

    private static string Day(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
