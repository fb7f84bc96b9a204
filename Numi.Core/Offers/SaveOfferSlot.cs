using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>Adds a slot to an offer (no <see cref="SlotId"/>) or changes one.</summary>
public sealed record SaveOfferSlot(Guid OfferId, Guid? SlotId, SlotFields Fields);

public sealed class SaveOfferSlotHandler(INumiDb db, IValidator<SlotFields> validator, ControllableClock clock)
{
    /// <param name="loaded">The offer with its slots, already loaded and tracked by this context (the canvas holds it under
    /// its version check); null loads it.</param>
    public async Task<Result<OfferSlot>> HandleAsync(SaveOfferSlot command, CancellationToken ct, Offer? loaded = null)
    {
        var offer = loaded ?? await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var slot = command.SlotId is { } slotId ? offer.Slots.FirstOrDefault(s => s.Id == slotId) : null;
        if (command.SlotId is not null && slot is null) return Error.NotFound("This slot does not exist.", "slot");

        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<OfferSlot>.Failure(errors);
        var key = command.Fields.Key!.Trim();
        if (offer.Slots.Any(s => s.Key == key && s != slot))
            return Error.Invalid("key", $"Another slot in this offer already has the key '{key}'.");
        if (await OfferPriceReferences.CheckSlotPricesAsync(db, offer.Currency, command.Fields, "", ct) is { } priceError) return priceError;
        if (offer.Status == OfferStatus.Published && slot is { Required: true } && !command.Fields.Required && offer.Slots.Count(s => s.Required) == 1)
            return Error.Conflict("A published offer keeps at least one required slot.", "required");

        if (slot is null) slot = offer.AddSlot(command.Fields);
        else slot.Set(command.Fields, slot.SortOrder);
        offer.Touch(clock.GetUtcNow().UtcDateTime);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            if (await db.OfferSlots.AnyAsync(s => s.OfferId == offer.Id && s.Key == key && s.Id != slot.Id, ct))
                return Error.Invalid("key", $"Another slot in this offer already has the key '{key}'.");
            throw;
        }
        return slot;
    }
}
