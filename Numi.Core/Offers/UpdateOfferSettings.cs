using FluentValidation;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

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

public sealed class UpdateOfferSettingsHandler(INumiDb db, IValidator<UpdateOfferSettings> validator, ControllableClock clock)
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
