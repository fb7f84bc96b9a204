using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>Archives a price (no new sales) or restores it. A price an offer still sells cannot be archived.</summary>
public sealed record SetPriceArchived(Guid PriceId, bool Archived);

public sealed class SetPriceArchivedHandler(INumiDb db, ControllableClock clock)
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
