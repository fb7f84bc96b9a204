using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>The pricing engine: what a quantity of a price costs. Pure and exact: integer minor units and
/// checked arithmetic, so an amount too large for the ledger is an error, never a wrapped-around number.</summary>
public static class PriceCalculator
{
    public const string AmountTooLarge = "amount_too_large";

    public static Result<Quote> Quote(Price price, long quantity) => Quote(price.Model, price.Currency, quantity);

    public static Result<Quote> Quote(PricingModel model, string currency, long quantity)
    {
        if (quantity < 0) return Error.Invalid("quantity", "The quantity must be 0 or more.");
        try
        {
            var lines = model.Scheme switch
            {
                BillingScheme.PerUnit => PerUnit(model, quantity),
                BillingScheme.Package => Package(model, quantity),
                BillingScheme.Tiered when model.TiersMode == TiersMode.Volume => Volume(model, quantity),
                BillingScheme.Tiered => Graduated(model, quantity),
                _ => throw new ArgumentOutOfRangeException(nameof(model), model.Scheme, "Unknown billing scheme."),
            };
            var amount = 0L;
            foreach (var line in lines) amount = checked(amount + line.Amount);
            return new Quote(quantity, amount, currency, lines);
        }
        catch (OverflowException)
        {
            return new Error(AmountTooLarge,
                $"{quantity:N0} units cost more than the largest amount Numi can record; lower the quantity.", "quantity");
        }
    }

    private static List<QuoteLine> PerUnit(PricingModel model, long quantity)
    {
        var unit = Required(model.UnitAmount, "unit amount");
        return [new QuoteLine(quantity, unit, 0, checked(quantity * unit))];
    }

    /// <summary>Quantities round up to whole packages: 11 units in packages of 10 are 2 packages.</summary>
    private static List<QuoteLine> Package(PricingModel model, long quantity)
    {
        var size = Required(model.PackageSize, "package size");
        if (size < 1) throw new InvalidOperationException("A package holds at least one unit.");
        var unit = Required(model.UnitAmount, "package amount");
        var packages = quantity / size + (quantity % size == 0 ? 0 : 1);
        return [new QuoteLine(packages, unit, 0, checked(packages * unit), Packages: true)];
    }

    /// <summary>Each unit is priced by the tier it falls in; a tier's flat amount is charged once the quantity
    /// reaches into that tier.</summary>
    private static List<QuoteLine> Graduated(PricingModel model, long quantity)
    {
        var tiers = RequiredTiers(model);
        var lines = new List<QuoteLine>();
        var from = 1L;
        for (var i = 0; i < tiers.Count && from <= quantity; i++)
        {
            var tier = tiers[i];
            var last = tier.UpTo is { } upTo ? Math.Min(upTo, quantity) : quantity;
            var units = last - from + 1;
            var unit = tier.UnitAmount ?? 0;
            var flat = tier.FlatAmount ?? 0;
            lines.Add(new QuoteLine(units, unit, flat, checked(checked(units * unit) + flat), i + 1, from, tier.UpTo));
            // Stop at the tier that holds the last unit: it is below long.MaxValue, so the next start cannot wrap.
            if (tier.UpTo is null || tier.UpTo.Value >= quantity) break;
            from = tier.UpTo.Value + 1;
        }
        return lines;
    }

    /// <summary>The whole quantity is priced by the one tier it falls in (Stripe's volume pricing). Nothing
    /// bought costs nothing, flat amounts included.</summary>
    private static List<QuoteLine> Volume(PricingModel model, long quantity)
    {
        var tiers = RequiredTiers(model);
        if (quantity == 0) return [];
        var from = 1L;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.UpTo is null || quantity <= tier.UpTo)
            {
                var unit = tier.UnitAmount ?? 0;
                var flat = tier.FlatAmount ?? 0;
                return [new QuoteLine(quantity, unit, flat, checked(checked(quantity * unit) + flat), i + 1, from, tier.UpTo)];
            }
            from = tier.UpTo.Value + 1;
        }
        throw new InvalidOperationException("The last tier must have no upper bound.");
    }

    private static long Required(long? value, string what) =>
        value ?? throw new InvalidOperationException($"The pricing model has no {what}.");

    private static IReadOnlyList<PriceTier> RequiredTiers(PricingModel model) =>
        model.Tiers is { Count: > 0 } tiers ? tiers : throw new InvalidOperationException("A tiered price needs tiers.");
}
