using FluentValidation;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>Changes an offer's name, slug, description and currency (the currency only while it has no slots).</summary>
public sealed record UpdateOffer(Guid OfferId, OfferFields Fields);

public sealed class UpdateOfferHandler(INumiDb db, IValidator<OfferFields> validator, ControllableClock clock)
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
