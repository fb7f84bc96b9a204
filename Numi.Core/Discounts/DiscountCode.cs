using Numi.Core.Checkout;
using Numi.Core.Common;

namespace Numi.Core.Discounts;

/// <summary>How long a discount lasts on a recurring price: the first payment only, that many billing cycles, or every
/// renewal. The first payment, made at checkout, is discounted in all three cases.</summary>
public enum DiscountDuration { Once, Repeating, Forever }

/// <summary>A code shoppers type at checkout for a percentage or a fixed amount off. Its terms (what it takes off, on
/// what, for how long) are fixed once created, so orders and later renewals can refer to it; the merchant may still
/// change when and how often it can be used, or archive it.</summary>
public sealed class DiscountCode : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>As the merchant wrote it, shown on labels.</summary>
    public string Code { get; private set; } = "";
    /// <summary>Upper-case, unique in the organization: shoppers may type the code in any case.</summary>
    public string CodeKey { get; private set; } = "";
    /// <summary>Whole percent, 1–100; or null for an amount off.</summary>
    public int? PercentOff { get; private set; }
    public long? AmountOff { get; private set; }
    /// <summary>The currency of <see cref="AmountOff"/>: the code applies only to checkouts in it.</summary>
    public string? Currency { get; private set; }
    public DiscountDuration Duration { get; private set; }
    /// <summary>For <see cref="DiscountDuration.Repeating"/>: how many billing cycles are discounted.</summary>
    public int? DurationCycles { get; private set; }
    /// <summary>Only lines of these products are discounted; empty means every line.</summary>
    public List<Guid> ProductIds { get; private set; } = [];
    public int? MaxRedemptions { get; private set; }
    public bool OncePerCustomer { get; private set; }
    public DateTime? ValidFrom { get; private set; }
    public DateTime? ValidUntil { get; private set; }
    public bool Active { get; private set; } = true;
    /// <summary>Payments that used the code, counting those in flight (reserved before the charge, given back on a
    /// decline). Only ever changed by a conditional update in the database, so concurrent checkouts cannot overshoot.</summary>
    public int TimesRedeemed { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private DiscountCode() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.DiscountCode, Id);

    public static string KeyOf(string code) => code.Trim().ToUpperInvariant();

    public static DiscountCode Create(Guid organizationId, DiscountTerms terms, DiscountLimits limits, DateTime now)
    {
        var code = new DiscountCode
        {
            OrganizationId = organizationId, Code = terms.Code!.Trim(), CodeKey = KeyOf(terms.Code), PercentOff = terms.PercentOff,
            AmountOff = terms.PercentOff is null ? terms.AmountOff : null,
            Currency = terms.PercentOff is null ? Numi.Contracts.Currency.Normalize(terms.Currency!) : null,
            Duration = terms.Duration ?? DiscountDuration.Once,
            DurationCycles = terms.Duration == DiscountDuration.Repeating ? terms.DurationInCycles : null,
            ProductIds = [.. (terms.ProductIds ?? []).Distinct()], CreatedAt = now,
        };
        code.Limit(limits, now);
        return code;
    }

    public void Limit(DiscountLimits limits, DateTime now)
    {
        MaxRedemptions = limits.MaxRedemptions;
        OncePerCustomer = limits.OncePerCustomer;
        ValidFrom = limits.ValidFrom;
        ValidUntil = limits.ValidUntil;
        UpdatedAt = now;
    }

    public void Archive(DateTime now)
    {
        Active = false;
        UpdatedAt = now;
    }

    public void Restore(DateTime now)
    {
        Active = true;
        UpdatedAt = now;
    }

    /// <summary>"WELCOME10 (10% off)" or "SPRING ($5.00 off)".</summary>
    public string Label => $"{Code} ({Terms} off)";

    public string Terms => PercentOff is { } percent ? $"{percent}%" : Money.Format(AmountOff ?? 0, Currency ?? "usd");

    public bool UsedUp => MaxRedemptions is { } max && TimesRedeemed >= max;

    /// <summary>Whether the code can be used at <paramref name="now"/>: active and inside its window.</summary>
    public Error? CheckUsable(DateTime now)
    {
        if (!Active) return DiscountErrors.Unknown(Code);
        if (ValidFrom is { } from && now < from) return DiscountErrors.NotYetValid(Code);
        if (ValidUntil is { } until && now >= until) return DiscountErrors.Expired(Code);
        return null;
    }

    /// <summary>What the code takes off <paramref name="cart"/> today. A percentage is of the eligible lines' sum due now,
    /// rounded half away from zero once on that sum (not line by line); an amount off is capped at that sum, so a total
    /// is never negative. A line in trial is due nothing now: the code still applies (it follows the subscription to its
    /// first paid period) but takes nothing off today.</summary>
    public Result<long> AmountFor(CheckoutCart cart)
    {
        if (AmountOff is not null && !string.Equals(Currency, cart.Currency, StringComparison.Ordinal))
            return DiscountErrors.NotApplicable(Code, $"it is for payments in {Currency!.ToUpperInvariant()}");
        var lines = cart.Lines.Where(l => ProductIds.Count == 0 || ProductIds.Contains(l.Price.ProductId)).ToList();
        if (lines.Sum(l => l.Amount) == 0) return DiscountErrors.NotApplicable(Code, "nothing in this order qualifies");
        var due = lines.Sum(l => l.DueNow);
        if (PercentOff is { } percent)
            return (long)Math.Round((decimal)due * percent / 100m, MidpointRounding.AwayFromZero);
        return Math.Min(AmountOff!.Value, due);
    }
}
