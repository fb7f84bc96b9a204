using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>Moves a slot one place up or down (the keyboard-friendly way to reorder).</summary>
public sealed record MoveOfferSlot(Guid OfferId, Guid SlotId, int Direction);

public sealed class MoveOfferSlotHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Offer>> HandleAsync(MoveOfferSlot command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var ordered = offer.OrderedSlots.ToList();
        var index = ordered.FindIndex(s => s.Id == command.SlotId);
        if (index < 0) return Error.NotFound("This slot does not exist.", "slot");
        var target = index + Math.Sign(command.Direction);
        if (target < 0 || target >= ordered.Count) return offer;
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++) ordered[i].MoveTo(i);
        offer.Touch(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
