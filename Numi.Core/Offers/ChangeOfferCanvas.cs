using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Offers;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>One change made on the offer canvas from the state of <see cref="Version"/>.</summary>
public sealed record ChangeOfferCanvas(Guid OfferId, long Version, CanvasChangeKind Kind, Guid? PriceId = null, string? SlotKey = null, int? To = null);

/// <summary>Applies a canvas change through the slot use cases (so the canvas obeys the slot form's rules) after checking
/// that nobody saved the offer since the editor read it, and answers the new state with its totals.</summary>
public sealed partial class ChangeOfferCanvasHandler(INumiDb db, SaveOfferSlotHandler save, RemoveOfferSlotHandler remove,
    MoveOfferSlotHandler move, ReadOfferCanvasHandler read)
{
    public async Task<Result<OfferCanvasState>> HandleAsync(ChangeOfferCanvas command, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Holds the offer's row until the commit (on SQLite the transaction holds the write lock already), so of two
        // editors saving from the same version the second one waits, then sees the first one's version and is refused.
        if (await db.Offers.Where(o => o.Id == command.OfferId).ExecuteUpdateAsync(u => u.SetProperty(o => o.UpdatedAt, o => o.UpdatedAt), ct) == 0)
            return Error.NotFound("This offer does not exist.", "id");
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer!.Version != command.Version)
            return new Error(ErrorCodes.VersionConflict,
                "This offer was changed elsewhere (another tab or person) since you opened it. Reload it to see its slots, then make your change again.", "version");

        var done = await ApplyAsync(offer, command, ct);
        if (done is { } error) return error;
        await transaction.CommitAsync(ct);
        // The answer is built from the offer this context saved rather than read again: its version is UpdatedAt in whole
        // microseconds, which every provider keeps (PostgreSQL drops only the ticks below a microsecond), so it is the
        // version the database holds; OfferCanvasPostgresTests pins that.
        return await read.StateOfAsync(offer, ct);
    }

    private async Task<Error?> ApplyAsync(Offer offer, ChangeOfferCanvas command, CancellationToken ct)
    {
        var slot = offer.Slots.FirstOrDefault(s => s.Key == command.SlotKey);
        if (command.Kind is CanvasChangeKind.AddOption or CanvasChangeKind.Move or CanvasChangeKind.Remove && slot is null)
            return command.SlotKey is null ? Error.Missing("slot", "Name the slot (its key).") : Error.NotFound($"The offer has no slot '{command.SlotKey}'.", "slot");
        if (command.Kind is CanvasChangeKind.AddLine or CanvasChangeKind.AddOrderBump or CanvasChangeKind.AddOption && command.PriceId is null)
            return Error.Missing("price", "Name the price to add.");

        switch (command.Kind)
        {
            case CanvasChangeKind.AddLine or CanvasChangeKind.AddOrderBump:
                var name = await db.Prices.Where(p => p.Id == command.PriceId)
                    .Join(db.Products, p => p.ProductId, p => p.Id, (_, product) => product.Name).FirstOrDefaultAsync(ct);
                if (name is null) return Error.Invalid("price", "No such price.");
                var required = command.Kind == CanvasChangeKind.AddLine;
                return First(await save.HandleAsync(new SaveOfferSlot(offer.Id, null,
                    new SlotFields(FreeKey(offer, name), name.Length > 100 ? name[..100] : name, command.PriceId, required)), ct, offer));
            case CanvasChangeKind.AddOption:
                if (slot!.Options.Any(o => o.PriceId == command.PriceId))
                    return Error.Invalid("price", $"The slot {slot.Name} offers this price already.");
                var options = slot.OrderedOptions.Select(o => new SlotOptionInput(o.PriceId, o.Label)).Append(new SlotOptionInput(command.PriceId)).ToList();
                return First(await save.HandleAsync(new SaveOfferSlot(offer.Id, slot.Id, new SlotFields(slot.Key, slot.Name, slot.DefaultPriceId,
                    slot.Required, slot.QuantityDefault, slot.QuantityMin, slot.QuantityMax, options)), ct, offer));
            case CanvasChangeKind.Move:
                if (command.To is not { } to) return Error.Missing("to", "Say where the slot goes (its place among the slots of its kind, from 0).");
                var ordered = offer.OrderedSlots.ToList();
                var kind = ordered.Where(s => s.Required == slot!.Required).ToList();
                var target = kind[Math.Clamp(to, 0, kind.Count - 1)];
                if (target == slot) return null;
                return First(await move.HandleAsync(new MoveOfferSlot(offer.Id, slot!.Id, ordered.IndexOf(target) - ordered.IndexOf(slot)), ct, offer));
            case CanvasChangeKind.Remove:
                return First(await remove.HandleAsync(new RemoveOfferSlot(offer.Id, slot!.Id), ct, offer));
            default:
                return Error.Invalid("kind", "Unknown change.");
        }
    }

    private static Error? First<T>(Result<T> result) => result.Succeeded ? null : result.Errors[0];

    /// <summary>A slot key made from the product's name ("Coffee beans" → coffee_beans), numbered when the offer has it.</summary>
    private static string FreeKey(Offer offer, string productName)
    {
        var stem = NotKeyChars().Replace(productName.ToLowerInvariant(), "_").Trim('_');
        if (stem.Length == 0 || !char.IsAsciiLetterLower(stem[0])) stem = "slot_" + stem;
        stem = stem[..Math.Min(stem.Length, 36)].TrimEnd('_');
        var key = stem;
        for (var n = 2; offer.Slots.Any(s => s.Key == key); n++) key = $"{stem}_{n}";
        return key;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotKeyChars();
}
