using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>New amounts for a price. Prices are never edited in place (past orders point at them): this creates a
/// new price with the same product, currency and schedule, puts it wherever offers used the old one, and archives
/// the old one.</summary>
public sealed record ReplacePriceAmounts(
    Guid PriceId,
    BillingScheme? BillingScheme,
    long? UnitAmount,
    PackageInput? Package,
    TiersMode? TiersMode,
    IReadOnlyList<TierInput>? Tiers) : IPricingFields;

public sealed class ReplacePriceAmountsValidator : AbstractValidator<ReplacePriceAmounts>
{
    public ReplacePriceAmountsValidator() => Include(new PricingFieldsValidator<ReplacePriceAmounts>());
}

public sealed class ReplacePriceAmountsHandler(INumiDb db, IValidator<ReplacePriceAmounts> validator, TimeProvider clock)
{
    public async Task<Result<Price>> HandleAsync(ReplacePriceAmounts command, CancellationToken ct)
    {
        var price = await db.Prices.FirstOrDefaultAsync(p => p.Id == command.PriceId, ct);
        if (price is null) return Error.NotFound("This price does not exist.", "id");
        if (!price.Active) return Error.Conflict("This price is archived; change the price that replaced it instead.", "id");

        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Price>.Failure(errors);

        var replacement = price.ReplaceWith(command.ToModel(), clock.GetUtcNow().UtcDateTime);
        db.Prices.Add(replacement);
        await Offers.OfferPriceReferences.RepointAsync(db, price.Id, replacement.Id, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Active is a concurrency token: someone replaced or archived this price since it was read.
            return Error.Conflict("This price was changed at the same moment (replaced or archived); reload it and try again.", "id");
        }
        return replacement;
    }
}

/// <summary>Archives a price (no new sales) or restores it. A price an offer still sells cannot be archived.</summary>
public sealed record SetPriceArchived(Guid PriceId, bool Archived);

public sealed class SetPriceArchivedHandler(INumiDb db, TimeProvider clock)
{
    public async Task<Result<Price>> HandleAsync(SetPriceArchived command, CancellationToken ct)
    {
        var price = await db.Prices.FirstOrDefaultAsync(p => p.Id == command.PriceId, ct);
        if (price is null) return Error.NotFound("This price does not exist.", "id");
        if (command.Archived)
        {
            if (await Offers.OfferPriceReferences.FirstLiveOfferNameAsync(db, price.Id, ct) is { } offer)
                return Error.Conflict($"The offer '{offer}' sells this price; remove it from the offer (or archive the offer) first.", "id");
            price.Archive(clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            if (price.ReplacedByPriceId is not null) return Error.Conflict("This price was replaced by a newer one and cannot be restored.", "id");
            price.Restore();
        }
        await db.SaveChangesAsync(ct);
        return price;
    }
}
