using System.Globalization;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Discounts;

/// <summary>The discount code form's values as typed. Dates are typed in the organization's time zone and stored in UTC;
/// an amount off is typed in major units ("5.00") and stored in minor units.</summary>
public sealed class DiscountInput
{
    public string? Code { get; set; }
    /// <summary>"percent" or "amount".</summary>
    public string Kind { get; set; } = "percent";
    public int? PercentOff { get; set; }
    public string? AmountOff { get; set; }
    public string? Currency { get; set; }
    public DiscountDuration Duration { get; set; }
    public int? DurationInCycles { get; set; }
    /// <summary>The products the code is limited to; null or empty when none is ticked (every product).</summary>
    public List<Guid>? Products { get; set; }
    public int? MaxRedemptions { get; set; }
    public bool OncePerCustomer { get; set; }
    /// <summary>"yyyy-MM-ddTHH:mm", as a datetime-local field sends it.</summary>
    public string? ValidFrom { get; set; }
    public string? ValidUntil { get; set; }

    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public DiscountTerms Terms(FormErrors errors)
    {
        long? amount = null;
        if (Kind == "amount")
        {
            var currency = Numi.Contracts.Currency.Normalize(Currency);
            amount = currency is null ? null : Money.ParseMajor(AmountOff, currency);
            if (amount is null) errors.Add("amount_off", "Enter the amount off, e.g. 5.00, and its currency.");
        }
        return new DiscountTerms(Code, Kind == "percent" ? PercentOff : null, amount, Kind == "amount" ? Currency : null, Duration,
            Duration == DiscountDuration.Repeating ? DurationInCycles : null, Products ?? []);
    }

    public DiscountLimits Limits(TimeZoneInfo zone, FormErrors errors) =>
        new(MaxRedemptions, OncePerCustomer, ToUtc(ValidFrom, "valid_from", zone, errors), ToUtc(ValidUntil, "valid_until", zone, errors));

    private static DateTime? ToUtc(string? local, string field, TimeZoneInfo zone, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(local)) return null;
        if (DateTime.TryParseExact(local.Trim(), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            && !zone.IsInvalidTime(value))
            return TimeZoneInfo.ConvertTimeToUtc(value, zone);
        errors.Add(field, "Enter a date and time such as 2026-12-31T23:59.");
        return null;
    }

    public static string? ToLocal(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : null;

    public static DiscountInput From(DiscountDetails c, TimeZoneInfo zone) => new()
    {
        Code = c.Code, MaxRedemptions = c.MaxRedemptions, OncePerCustomer = c.OncePerCustomer,
        ValidFrom = ToLocal(c.ValidFrom, zone), ValidUntil = ToLocal(c.ValidUntil, zone),
    };
}
