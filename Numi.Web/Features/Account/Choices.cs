using Numi.Core.Common;

namespace Numi.Web.Features.Account;

/// <summary>Options for currency and time-zone pickers: the most used currencies first, then the rest.</summary>
public static class Choices
{
    private static readonly string[] Popular = ["usd", "eur", "gbp", "cad", "aud", "jpy", "chf", "sek", "nok", "dkk", "nzd", "sgd"];

    public static IReadOnlyList<string> Currencies { get; } =
        Popular.Concat(Currency.All.Except(Popular).Order(StringComparer.Ordinal)).ToList();

    public static IReadOnlyList<string> TimeZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal).ToList();
}
