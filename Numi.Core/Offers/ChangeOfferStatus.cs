using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

public sealed record ChangeOfferStatus(Guid OfferId, OfferStatus Status);

public sealed class ChangeOfferStatusHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Offer>> HandleAsync(ChangeOfferStatus command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        if (command.Status == OfferStatus.Published)
        {
            for (var i = 0; i < offer.Slots.Count; i++)
            {
                var slot = offer.Slots[i];
                var fields = new SlotFields(slot.Key, slot.Name, slot.DefaultPriceId, slot.Required,
                    Options: [.. slot.Options.Select(o => new SlotOptionInput(o.PriceId, o.Label))]);
                if (await OfferPriceReferences.CheckSlotPricesAsync(db, offer.Currency, fields, "", ct) is { } priceError)
                    return Error.Conflict($"The slot '{slot.Name}' cannot be sold: {priceError.Message}", "status");
            }
        }
        var changed = offer.ChangeStatus(command.Status, clock.GetUtcNow().UtcDateTime);
        if (!changed.Succeeded) return changed;
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
