using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Catalog;

/// <summary>The price form's fields as typed. Amounts are typed in major units ("5.00"); they become minor units only
/// through <see cref="Money.ParseMajor"/>, and text that is not an amount is a message on its field.</summary>
public sealed class PriceInput
{
    public string? Nickname { get; set; }
    public string Currency { get; set; } = "usd";
    public string Type { get; set; } = "one_time";
    public string Interval { get; set; } = "month";
    public int? IntervalCount { get; set; } = 1;
    public int? CancelAfterCycles { get; set; }
    public string Scheme { get; set; } = "per_unit";
    public string? UnitAmount { get; set; }
    public string? PackageSize { get; set; }
    public string? PackageAmount { get; set; }
    public string TiersMode { get; set; } = "graduated";
    public List<TierRow> Tiers { get; set; } = [new(), new()];
    public string Scope { get; set; } = "list";
    public string? ParentPrice { get; set; }
    public string? PreviewQuantity { get; set; } = "12";

    public sealed class TierRow
    {
        public string? UpTo { get; set; }
        public string? UnitAmount { get; set; }
        public string? FlatAmount { get; set; }
    }

    public static PriceInput From(Price price) => new()
    {
        Nickname = price.Nickname,
        Currency = price.Currency,
        Type = price.IsRecurring ? "recurring" : "one_time",
        Interval = price.Interval?.ToString().ToLowerInvariant() ?? "month",
        IntervalCount = price.IntervalCount ?? 1,
        CancelAfterCycles = price.CancelAfterCycles,
        Scheme = price.BillingScheme switch { BillingScheme.Package => "package", BillingScheme.Tiered => "tiered", _ => "per_unit" },
        UnitAmount = price.BillingScheme == BillingScheme.PerUnit ? Major(price.UnitAmount, price.Currency) : null,
        PackageSize = price.PackageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PackageAmount = price.BillingScheme == BillingScheme.Package ? Major(price.UnitAmount, price.Currency) : null,
        TiersMode = price.TiersMode == Core.Catalog.TiersMode.Volume ? "volume" : "graduated",
        Tiers = price.BillingScheme == BillingScheme.Tiered
            ? [.. price.Tiers.Select(t => new TierRow { UpTo = t.UpTo?.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitAmount = Major(t.UnitAmount, price.Currency), FlatAmount = Major(t.FlatAmount, price.Currency) })]
            : [new(), new()],
        Scope = price.Scope == PriceScope.Custom ? "custom" : "list",
    };

    private static string? Major(long? amount, string currency) => amount is { } a ? Money.ToMajorText(a, currency) : null;

    public string CurrencyCode => Numi.Contracts.Currency.Normalize(Currency) ?? "usd";

    public BillingScheme? ParsedScheme => Scheme switch
    {
        "per_unit" => BillingScheme.PerUnit, "package" => BillingScheme.Package, "tiered" => BillingScheme.Tiered, _ => null,
    };

    /// <summary>The tiers mode, for a tiered price only: it keeps its value while another scheme is chosen.</summary>
    public TiersMode? ParsedTiersMode => Scheme != "tiered" ? null
        : TiersMode switch { "graduated" => Core.Catalog.TiersMode.Graduated, "volume" => Core.Catalog.TiersMode.Volume, _ => null };

    /// <summary>The command for a new price with these fields and the amounts <see cref="ParseAmounts"/> read.</summary>
    public CreatePrice ToCreatePrice(Guid productId, long? unit, PackageInput? package, List<TierInput>? tiers)
    {
        var recurring = Type == "recurring";
        Guid? parent = null;
        if (Scope == "custom" && !PublicId.TryParse(IdPrefixes.Price, ParentPrice, out parent)) parent = null;
        PriceInterval? interval = recurring && Enum.TryParse<PriceInterval>(Interval, true, out var parsed) ? parsed : null;
        return new CreatePrice(productId, Currency, recurring ? PriceType.Recurring : PriceType.OneTime,
            interval, recurring ? IntervalCount : null, recurring ? CancelAfterCycles : null,
            ParsedScheme, unit, package, ParsedTiersMode, tiers,
            Scope == "custom" ? PriceScope.Custom : PriceScope.List, parent, Nickname);
    }

    /// <summary>The amounts as a command carries them; text that is not an amount or a count adds a message.</summary>
    public (long? Unit, PackageInput? Package, List<TierInput>? Tiers) ParseAmounts(FormErrors errors)
    {
        var currency = CurrencyCode;
        long? Amount(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var parsed = Money.ParseMajor(text, currency);
            if (parsed is null)
                errors.Add(field, $"'{text}' is not an amount in {currency.ToUpperInvariant()}" +
                    (Numi.Contracts.Currency.Decimals(currency) == 0 ? " (whole numbers only)." : $" (like {Money.ToMajorText(1250, currency)})."));
            return parsed;
        }
        long? Count(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(field, $"'{text}' is not a whole number.");
            return null;
        }

        return ParsedScheme switch
        {
            BillingScheme.PerUnit => (Amount(UnitAmount, "unit_amount"), null, null),
            BillingScheme.Package => (null, new PackageInput(Count(PackageSize, "package.size"), Amount(PackageAmount, "package.unit_amount")), null),
            BillingScheme.Tiered => (null, null, [.. Tiers.Select((t, i) => new TierInput(
                Count(t.UpTo, $"tiers[{i}].up_to"), Amount(t.UnitAmount, $"tiers[{i}].unit_amount"), Amount(t.FlatAmount, $"tiers[{i}].flat_amount")))]),
            _ => (null, null, null),
        };
    }
}
