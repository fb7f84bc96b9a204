using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>Moves a slot <see cref="Direction"/> places up (negative) or down, stopping at either end: one place is the
/// keyboard's way to reorder, several the canvas's drop of a slot onto another's place.</summary>
public sealed record MoveOfferSlot(Guid OfferId, Guid SlotId, int Direction);

public sealed class MoveOfferSlotHandler(INumiDb db, ControllableClock clock)
{
    /// <param name="loaded">The offer with its slots, already loaded and tracked by this context (the canvas holds it under
    /// its version check); null loads it.</param>
    public async Task<Result<Offer>> HandleAsync(MoveOfferSlot command, CancellationToken ct, Offer? loaded = null)
    {
        var offer = loaded ?? await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var ordered = offer.OrderedSlots.ToList();
        var index = ordered.FindIndex(s => s.Id == command.SlotId);
        if (index < 0) return Error.NotFound("This slot does not exist.", "slot");
        var target = Math.Clamp(index + (long)command.Direction, 0, ordered.Count - 1);
        if (target == index) return offer;
        var moving = ordered[index];
        ordered.RemoveAt(index);
        ordered.Insert((int)target, moving);
        for (var i = 0; i < ordered.Count; i++) ordered[i].MoveTo(i);
        offer.Touch(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
