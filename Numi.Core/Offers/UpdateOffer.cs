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

/// <summary>Replaces an offer's design, its payment settings, or both; null leaves one as it is.</summary>
public sealed record UpdateOfferSettings(Guid OfferId, OfferDesign? Design = null, OfferPaymentSettings? PaymentSettings = null);

public sealed class UpdateOfferSettingsValidator : AbstractValidator<UpdateOfferSettings>
{
    public UpdateOfferSettingsValidator()
    {
        RuleFor(c => c.Design!).SetValidator(new OfferDesignValidator()).When(c => c.Design is not null);
        RuleFor(c => c.PaymentSettings!).SetValidator(new OfferPaymentSettingsValidator()).When(c => c.PaymentSettings is not null);
    }
}

public sealed class UpdateOfferSettingsHandler(INumiDb db, IValidator<UpdateOfferSettings> validator, TimeProvider clock)
{
    public async Task<Result<Offer>> HandleAsync(UpdateOfferSettings command, CancellationToken ct)
    {
        var offer = await OfferQueries.LoadAsync(db, command.OfferId, ct);
        if (offer is null) return Error.NotFound("This offer does not exist.", "id");
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Offer>.Failure(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        if (command.Design is not null) offer.ChangeDesign(command.Design, now);
        if (command.PaymentSettings is not null) offer.ChangePayment(command.PaymentSettings, now);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
