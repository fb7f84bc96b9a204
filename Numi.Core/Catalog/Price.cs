using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>What a product costs, in one currency, on one schedule. Its amounts never change once created (orders
/// point at it); a new amount is a new price that <see cref="ReplacedByPriceId">replaces</see> this one.</summary>
public sealed class Price : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid ProductId { get; private set; }
    public string? Nickname { get; private set; }
    public string Currency { get; private set; } = "usd";
    public PriceType Type { get; private set; }
    public PriceInterval? Interval { get; private set; }
    public int? IntervalCount { get; private set; }
    /// <summary>A subscription to this price ends by itself after this many paid periods.</summary>
    public int? CancelAfterCycles { get; private set; }
    public BillingScheme BillingScheme { get; private set; }
    public long? UnitAmount { get; private set; }
    public long? PackageSize { get; private set; }
    public TiersMode? TiersMode { get; private set; }
    public List<PriceTier> Tiers { get; private set; } = [];
    public PriceScope Scope { get; private set; }
    public Guid? ParentPriceId { get; private set; }
    public bool Active { get; private set; } = true;
    public DateTime? ArchivedAt { get; private set; }
    public Guid? ReplacedByPriceId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Price() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Price, Id);

    public PricingModel Model => new(BillingScheme, UnitAmount, PackageSize, TiersMode, Tiers);

    public bool IsRecurring => Type == PriceType.Recurring;

    public static Price Create(Guid productId, string currency, PriceSchedule schedule, PricingModel model, PriceScope scope,
        Guid? parentPriceId, string? nickname, DateTime now)
    {
        var price = new Price
        {
            ProductId = productId,
            Currency = currency,
            Scope = scope,
            ParentPriceId = parentPriceId,
            Nickname = string.IsNullOrWhiteSpace(nickname) ? null : nickname.Trim(),
            CreatedAt = now,
        };
        price.SetSchedule(schedule);
        price.SetModel(model);
        return price;
    }

    /// <summary>A copy of this price with other amounts, and this one archived as replaced by it.</summary>
    public Price ReplaceWith(PricingModel model, DateTime now)
    {
        var replacement = Create(ProductId, Currency, Schedule, model, Scope, ParentPriceId, Nickname, now);
        replacement.OrganizationId = OrganizationId;
        Archive(now);
        ReplacedByPriceId = replacement.Id;
        return replacement;
    }

    public PriceSchedule Schedule => new(Type, Interval, IntervalCount, CancelAfterCycles);

    public void Rename(string? nickname) => Nickname = string.IsNullOrWhiteSpace(nickname) ? null : nickname.Trim();

    public void Archive(DateTime now)
    {
        if (!Active) return;
        Active = false;
        ArchivedAt = now;
    }

    public void Restore()
    {
        Active = true;
        ArchivedAt = null;
    }

    /// <summary>"$5.00", "$5.00 / month", "$20.00 per 10 units", "Tiered (graduated)".</summary>
    public string Summary
    {
        get
        {
            var amount = BillingScheme switch
            {
                BillingScheme.PerUnit => Money.Format(UnitAmount ?? 0, Currency),
                BillingScheme.Package => $"{Money.Format(UnitAmount ?? 0, Currency)} per {PackageSize} units",
                _ => $"Tiered ({(TiersMode == Catalog.TiersMode.Volume ? "volume" : "graduated")}, from {Money.Format(Tiers.FirstOrDefault()?.UnitAmount ?? 0, Currency)})",
            };
            return IsRecurring ? $"{amount} / {Schedule.Describe()}" : amount;
        }
    }

    private void SetSchedule(PriceSchedule schedule)
    {
        Type = schedule.Type;
        Interval = schedule.Type == PriceType.Recurring ? schedule.Interval : null;
        IntervalCount = schedule.Type == PriceType.Recurring ? schedule.IntervalCount ?? 1 : null;
        CancelAfterCycles = schedule.Type == PriceType.Recurring ? schedule.CancelAfterCycles : null;
    }

    private void SetModel(PricingModel model)
    {
        BillingScheme = model.Scheme;
        UnitAmount = model.Scheme == BillingScheme.Tiered ? null : model.UnitAmount;
        PackageSize = model.Scheme == BillingScheme.Package ? model.PackageSize : null;
        TiersMode = model.Scheme == BillingScheme.Tiered ? model.TiersMode : null;
        Tiers = model.Scheme == BillingScheme.Tiered ? [.. model.Tiers ?? []] : [];
    }
}

/// <summary>When a price is charged: once, or every <see cref="IntervalCount"/> <see cref="Interval"/>s.</summary>
public sealed record PriceSchedule(PriceType Type, PriceInterval? Interval = null, int? IntervalCount = null, int? CancelAfterCycles = null)
{
    public static readonly PriceSchedule OneTime = new(PriceType.OneTime);

    public static PriceSchedule Every(PriceInterval interval, int count = 1, int? cancelAfterCycles = null) =>
        new(PriceType.Recurring, interval, count, cancelAfterCycles);

    /// <summary>"month", "3 months", "one time".</summary>
    public string Describe()
    {
        if (Type == PriceType.OneTime || Interval is null) return "one time";
        var unit = Interval.Value.ToString().ToLowerInvariant();
        var count = IntervalCount ?? 1;
        return count == 1 ? unit : $"{count} {unit}s";
    }
}
