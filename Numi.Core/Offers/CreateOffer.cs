using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>A new offer, optionally complete in one go (the API sends slots, design and status together).</summary>
public sealed record CreateOffer(
    string? Name,
    string? Slug,
    string? Description,
    string? Currency,
    OfferStatus? Status = null,
    IReadOnlyList<SlotFields>? Slots = null,
    OfferDesign? Design = null,
    OfferPaymentSettings? PaymentSettings = null) : IOfferFields;

public sealed class CreateOfferValidator : AbstractValidator<CreateOffer>
{
    public const int MaxSlots = 20;

    public CreateOfferValidator()
    {
        Include(new OfferFieldsValidator<CreateOffer>());
        RuleFor(c => c.Status).IsInEnum().WithMessage("The status must be draft, published or archived.");
        RuleFor(c => c.Slots).Must(s => s is null || s.Count <= MaxSlots).WithMessage($"An offer has at most {MaxSlots} slots.");
        RuleFor(c => c.Slots).Custom((slots, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; slots is not null && i < slots.Count; i++)
                if (slots[i]?.Key?.Trim() is { Length: > 0 } key && !seen.Add(key))
                    context.AddFailure($"Slots[{i}].Key", $"Another slot already has the key '{key}'; each slot needs its own.");
        });
        RuleForEach(c => c.Slots).NotNull().WithMessage("A slot cannot be null.").SetValidator(new SlotFieldsValidator());
        RuleFor(c => c.Design!).SetValidator(new OfferDesignValidator()).When(c => c.Design is not null);
        RuleFor(c => c.PaymentSettings!).SetValidator(new OfferPaymentSettingsValidator()).When(c => c.PaymentSettings is not null);
    }
}

public sealed class CreateOfferHandler(INumiDb db, ITenantContext tenant, IValidator<CreateOffer> validator, ControllableClock clock)
{
    public async Task<Result<Offer>> HandleAsync(CreateOffer command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Offer>.Failure(errors);

        var currency = Currency.Normalize(command.Currency)!;
        if (await OfferSlugs.TakenAsync(db, command.Slug!, null, ct) is { } taken) return taken;

        var slots = command.Slots ?? [];
        for (var i = 0; i < slots.Count; i++)
            if (await OfferPriceReferences.CheckSlotPricesAsync(db, currency, slots[i], $"slots[{i}]", ct) is { } priceError) return priceError;

        var now = clock.GetUtcNow().UtcDateTime;
        var offer = Offer.Create(command.Name!, command.Slug!, command.Description, currency, now);
        offer.OrganizationId = tenant.OrganizationId!.Value;
        foreach (var slot in slots) offer.AddSlot(slot);
        if (command.Design is not null) offer.ChangeDesign(command.Design, now);
        if (command.PaymentSettings is not null) offer.ChangePayment(command.PaymentSettings, now);
        if (command.Status is { } status)
        {
            var changed = offer.ChangeStatus(status, now);
            if (!changed.Succeeded) return changed;
        }

        db.Offers.Add(offer);
        return await OfferSlugs.SaveAsync(db, offer, ct);
    }
}

internal static class OfferSlugs
{
    public static async Task<Error?> TakenAsync(INumiDb db, string slug, Guid? except, CancellationToken ct) =>
        await db.Offers.AnyAsync(o => o.Slug == Organizations.Slug.Normalize(slug) && o.Id != except, ct)
            ? Error.Invalid("slug", $"Another offer already uses the slug '{slug}'.")
            : null;

    /// <summary>Saves, turning a lost race on a unique index (slug, or slot key) into a field error.</summary>
    public static async Task<Result<Offer>> SaveAsync(INumiDb db, Offer offer, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return offer;
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            if (await TakenAsync(db, offer.Slug, offer.Id, ct) is { } taken) return taken;
            throw;
        }
    }
}
