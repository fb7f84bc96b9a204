namespace Numi.Core.Catalog;

public enum BillingScheme { PerUnit, Package, Tiered }

public enum TiersMode { Graduated, Volume }

/// <summary>One tier: the quantities up to and including <see cref="UpTo"/> (null: no upper bound, only on the
/// last tier) cost <see cref="UnitAmount"/> each, plus <see cref="FlatAmount"/> once for the tier.</summary>
public sealed record PriceTier(long? UpTo, long? UnitAmount, long? FlatAmount);

/// <summary>How a price turns a quantity into an amount, Stripe's way: per unit, per started package, or by tiers.
/// For <see cref="BillingScheme.Package"/>, <see cref="UnitAmount"/> is the price of one package.</summary>
public sealed record PricingModel(
    BillingScheme Scheme,
    long? UnitAmount,
    long? PackageSize = null,
    TiersMode? TiersMode = null,
    IReadOnlyList<PriceTier>? Tiers = null)
{
    public static PricingModel PerUnit(long unitAmount) => new(BillingScheme.PerUnit, unitAmount);

    public static PricingModel Package(long size, long packageAmount) => new(BillingScheme.Package, packageAmount, size);

    public static PricingModel Tiered(TiersMode mode, params PriceTier[] tiers) => new(BillingScheme.Tiered, null, null, mode, tiers);
}
