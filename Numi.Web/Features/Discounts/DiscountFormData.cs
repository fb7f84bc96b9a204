using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Discounts;

/// <summary>A product a new code can be limited to.</summary>
public sealed record ProductChoice(Guid Id, string Name);

/// <summary>A stored code as its page shows it. A plain record rather than the entity, so the prerendered page can hand
/// it to the interactive render as persistent state.</summary>
public sealed record DiscountDetails(
    Guid Id, string PublicId, string Code, string Label, string Terms, string Duration, List<Guid> ProductIds, int TimesRedeemed,
    bool Active, int? MaxRedemptions, bool OncePerCustomer, DateTime? ValidFrom, DateTime? ValidUntil)
{
    public static DiscountDetails Of(DiscountCode c) => new(
        c.Id, c.PublicId, c.Code, c.Label, c.Terms, DiscountText.Duration(c.Duration, c.DurationCycles), c.ProductIds, c.TimesRedeemed,
        c.Active, c.MaxRedemptions, c.OncePerCustomer, c.ValidFrom, c.ValidUntil);

    public DiscountLimits Limits => new(MaxRedemptions, OncePerCustomer, ValidFrom, ValidUntil);
}

/// <summary>What the discount form needs: the organization's time zone (IANA id) and currency, its active products,
/// and the code being edited (null for a new one, or when the id names no code of this organization).</summary>
public sealed record DiscountFormData(string TimeZone, string Currency, List<ProductChoice> Products, DiscountDetails? Code)
{
    public static async Task<DiscountFormData> ReadAsync(NumiDbContext db, string? id, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Select(o => new { o.TimeZone, o.DefaultCurrency }).FirstAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name)
            .Select(p => new ProductChoice(p.Id, p.Name)).ToListAsync(ct);
        var code = id is not null && PublicId.TryParse(IdPrefixes.DiscountCode, id, out var key)
            ? await db.DiscountCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct)
            : null;
        return new DiscountFormData(organization.TimeZone, organization.DefaultCurrency, products, code is null ? null : DiscountDetails.Of(code));
    }
}
