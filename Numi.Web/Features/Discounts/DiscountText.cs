using Numi.Core.Discounts;

namespace Numi.Web.Features.Discounts;

/// <summary>How the discount pages word a code's duration, uses and validity window.</summary>
internal static class DiscountText
{
    public static string Duration(DiscountDuration duration, int? cycles) => duration switch
    {
        DiscountDuration.Repeating => $"{cycles} billing cycles",
        DiscountDuration.Forever => "forever",
        _ => "once",
    };

    /// <summary>"0 of 50 · once per customer".</summary>
    public static string Uses(int timesRedeemed, int? maxRedemptions, bool oncePerCustomer) =>
        $"{timesRedeemed}{(maxRedemptions is { } max ? $" of {max}" : "")}{(oncePerCustomer ? " · once per customer" : "")}";

    /// <summary>The validity window in the organization's time zone, e.g. "Until 2030-12-31 23:59".</summary>
    public static string Window(DateTime? validFrom, DateTime? validUntil, TimeZoneInfo zone) => (validFrom, validUntil) switch
    {
        (null, null) => "Always",
        ({ } from, null) => "From " + Local(from, zone),
        (null, { } until) => "Until " + Local(until, zone),
        ({ } from, { } until) => Local(from, zone) + " – " + Local(until, zone),
    };

    private static string Local(DateTime utc, TimeZoneInfo zone) => DiscountInput.ToLocal(utc, zone)!.Replace('T', ' ');
}
