using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

public sealed record RemoveOfferSlot(Guid OfferId, Guid SlotId);

public sealed class RemoveOfferSlotHandler(INumiDb db, ControllableClock clock)
{
    /// <param name="loaded">The offer with its slots, already loaded and tracked by this context (see SaveOfferSlotHandler); null loads it.</param>
    public async Task<Result<Offer>> HandleAsync(RemoveOfferSlot command, CancellationToken ct, Offer? loaded = null)
    {
        var offer = loaded ?? await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var slot = offer.Slots.FirstOrDefault(s => s.Id == command.SlotId);
        if (slot is null) return Error.NotFound("This slot does not exist.", "slot");
        if (offer.Status == OfferStatus.Published && slot.Required && offer.Slots.Count(s => s.Required) == 1)
            return Error.Conflict("A published offer keeps at least one required slot; unpublish it first.", "slot");
        offer.Slots.Remove(slot);
        db.OfferSlots.Remove(slot);
        offer.Touch(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
