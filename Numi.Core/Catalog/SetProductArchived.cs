using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>Archived products stay on past orders but cannot be added to offers; restoring brings them back.</summary>
public sealed record SetProductArchived(Guid ProductId, bool Archived);

public sealed class SetProductArchivedHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Product>> HandleAsync(SetProductArchived command, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, ct);
        if (product is null) return Error.NotFound("This product does not exist.", "id");
        var now = clock.GetUtcNow().UtcDateTime;
        if (command.Archived && product.Active)
        {
            var priceIds = await db.Prices.Where(p => p.ProductId == product.Id).Select(p => p.Id).ToListAsync(ct);
            foreach (var priceId in priceIds)
                if (await Offers.OfferPriceReferences.FirstLiveOfferNameAsync(db, priceId, ct) is { } offer)
                    return Error.Conflict($"The offer '{offer}' sells this product; remove it from the offer (or archive the offer) first.", "active");
        }
        if (command.Archived) product.Archive(now);
        else product.Restore(now);
        await db.SaveChangesAsync(ct);
        return product;
    }
}
