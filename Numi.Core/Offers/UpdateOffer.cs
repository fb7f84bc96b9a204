using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>Changes an offer's name, slug, description and currency (the currency only while it has no slots).</summary>
public sealed record UpdateOffer(Guid OfferId, OfferFields Fields);

public sealed class UpdateOfferHandler(INumiDb db, IValidator<OfferFields> validator, TimeProvider clock)
{
    public async Task<Result<Offer>> HandleAsync(UpdateOffer command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<Offer>.Failure(errors);
        if (await OfferSlugs.TakenAsync(db, command.Fields.Slug!, offer.Id, ct) is { } taken) return taken;

        var now = clock.GetUtcNow().UtcDateTime;
        var currency = offer.ChangeCurrency(Currency.Normalize(command.Fields.Currency)!, now);
        if (!currency.Succeeded) return currency;
        offer.Update(command.Fields.Name!, command.Fields.Slug!, command.Fields.Description, now);
        return await OfferSlugs.SaveAsync(db, offer, ct);
    }
}

public sealed record ChangeOfferStatus(Guid OfferId, OfferStatus Status);

public sealed class ChangeOfferStatusHandler(INumiDb db, TimeProvider clock)
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

public sealed record UpdateOfferDesign(Guid OfferId, OfferDesign Design);

public sealed class UpdateOfferDesignHandler(INumiDb db, IValidator<OfferDesign> validator, TimeProvider clock)
{
    public async Task<Result<Offer>> HandleAsync(UpdateOfferDesign command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var errors = validator.Check(command.Design);
        if (errors.Count > 0) return Result<Offer>.Failure(errors);
        offer.ChangeDesign(command.Design, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}

public sealed record UpdateOfferPayment(Guid OfferId, OfferPaymentSettings Payment);

public sealed class UpdateOfferPaymentHandler(INumiDb db, IValidator<OfferPaymentSettings> validator, TimeProvider clock)
{
    public async Task<Result<Offer>> HandleAsync(UpdateOfferPayment command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var errors = validator.Check(command.Payment);
        if (errors.Count > 0) return Result<Offer>.Failure(errors);
        offer.ChangePayment(command.Payment, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
