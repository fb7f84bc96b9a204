using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>Names the offer shown after payment as a one-click upsell (or none).</summary>
public sealed record SetOfferUpsell(Guid OfferId, Guid? UpsellOfferId);

public sealed class SetOfferUpsellHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Offer>> HandleAsync(SetOfferUpsell command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        if (command.UpsellOfferId is { } upsellId)
        {
            if (upsellId == offer.Id) return Error.Invalid("upsell_offer", "An offer cannot be its own upsell.");
            var upsell = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == upsellId, ct);
            if (upsell is null) return Error.Invalid("upsell_offer", "No such offer.");
            if (upsell.Currency != offer.Currency)
                return Error.Invalid("upsell_offer", $"The upsell sells in {upsell.Currency.ToUpperInvariant()}; this offer sells in {offer.Currency.ToUpperInvariant()}.");
        }
        offer.SetUpsell(command.UpsellOfferId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
