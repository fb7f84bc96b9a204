using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
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

public sealed class ReplacePriceAmountsHandler(INumiDb db, IValidator<ReplacePriceAmounts> validator, ControllableClock clock)
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
