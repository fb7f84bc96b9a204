using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;

namespace Numi.Core.Checkout;

/// <summary>Opens a checkout of a published offer with its default selection, or with <paramref name="Selection"/> over
/// the defaults (the shopper's first choice on the offer's page); <paramref name="BrowserKeyHash"/> binds it at once to
/// the browser that opened it (see <see cref="CheckoutSession.BrowserKeyHash"/>).</summary>
public sealed record StartCheckout(Guid? OfferId, string? CustomerEmail = null, string? BrowserKeyHash = null,
    IReadOnlyDictionary<string, SlotChoice>? Selection = null);

public sealed class StartCheckoutValidator : AbstractValidator<StartCheckout>
{
    public StartCheckoutValidator()
    {
        RuleFor(c => c.OfferId).NotNull().WithMessage("Name the offer to check out.").OverridePropertyName("Offer");
        RuleFor(c => c.CustomerEmail).SingleLineText();
        RuleFor(c => c.CustomerEmail).EmailAddress().WithMessage("'{PropertyValue}' is not an email address.")
            .MaximumLength(254).WithMessage("An email address has at most 254 characters.");
    }
}

/// <summary>An offer's checkout as it would open, priced in memory and never saved: what the offer's shareable link
/// shows before the shopper does anything. <see cref="Session"/> is not tracked and must not be saved.</summary>
public sealed record CheckoutPreview(CheckoutSession Session, Offer Offer, Dictionary<Guid, Price> Prices);

public sealed class StartCheckoutHandler(INumiDb db, IValidator<StartCheckout> validator, CheckoutPricing pricing, ControllableClock clock, CheckoutOptions options)
{
    /// <param name="known">The offer as the caller keeps it in memory (the checkout page's), used when it is the offer
    /// named: its slots, prices and tax rates are then not read again (see <see cref="KnownOffer"/>).</param>
    public async Task<Result<CheckoutSession>> HandleAsync(StartCheckout command, CancellationToken ct, KnownOffer? known = null)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<CheckoutSession>.Failure(errors);
        var priced = await PriceAsync(command.OfferId!.Value, command.Selection, ct, Of(known, command.OfferId.Value));
        if (!priced.Succeeded) return Result<CheckoutSession>.Failure(priced.Errors);
        var (offer, _, selection, cart) = priced.Value;
        var session = CheckoutSession.Start(offer.Id, cart, selection, command.CustomerEmail, clock.GetUtcNow().UtcDateTime, options.SessionLifetime,
            command.BrowserKeyHash);
        db.CheckoutSessions.Add(session);
        await db.SaveInTurnAsync(ct);
        return session;
    }

    /// <summary>The checkout of a published offer with its default selection, priced as <see cref="HandleAsync"/> would
    /// open it, with <paramref name="discountCode"/> (the link's <c>?discount=</c>) taken off when it can be used by anyone
    /// now; one that cannot is left out (the page shows it typed in). Only reads: nothing is added to the database.</summary>
    public async Task<Result<CheckoutPreview>> PreviewAsync(Guid offerId, string? discountCode, CancellationToken ct)
    {
        var priced = await PriceAsync(offerId, null, ct);
        if (!priced.Succeeded) return Result<CheckoutPreview>.Failure(priced.Errors);
        var (offer, prices, selection, cart) = priced.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var session = CheckoutSession.Start(offer.Id, cart, selection, null, now, options.SessionLifetime);
        session.OrganizationId = offer.OrganizationId;
        if (!string.IsNullOrWhiteSpace(discountCode) && discountCode.Length <= 40)
        {
            var key = DiscountCode.KeyOf(discountCode);
            if (await db.DiscountCodes.Where(c => c.CodeKey == key && c.Active).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct) is { } codeId)
            {
                session.ApplyDiscount(codeId, now);
                var discounted = await pricing.PriceAsync(offer, prices, selection, session, ct);
                if (discounted.Succeeded) session.Choose(discounted.Value, selection, now);
                else session.ApplyDiscount(null, now);
            }
        }
        return new CheckoutPreview(session, offer, prices);
    }

    /// <summary>What can be refused about a first post that pays (or applies a code) before any session exists, so a
    /// refused one writes nothing: a receipt email that is missing or malformed (only when <paramref name="paying"/>),
    /// and a typed <paramref name="discountCode"/> that cannot be used on <paramref name="selection"/> by that email now.
    /// Only reads. Empty when the session may be opened.</summary>
    public async Task<IReadOnlyList<Error>> RefusalsBeforeStartAsync(Guid offerId, IReadOnlyDictionary<string, SlotChoice> selection, string? email,
        string? discountCode, bool paying, CancellationToken ct, KnownOffer? known = null)
    {
        var refusals = new List<Error>();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (paying && email is null) refusals.Add(Error.Missing("customer_email", "Enter the email address your receipt goes to."));
        else if (email is not null) refusals.AddRange(validator.Check(new StartCheckout(offerId, email)));
        if (string.IsNullOrWhiteSpace(discountCode)) return refusals;
        var code = discountCode.Trim();
        var key = code.Length <= 40 ? DiscountCode.KeyOf(code) : null;
        var codeId = key is null ? null : await db.DiscountCodes.Where(c => c.CodeKey == key && c.Active).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (codeId is null)
        {
            refusals.Add(DiscountErrors.Unknown(code));
            return refusals;
        }
        // The selection's own refusals are the session's opening's to give (beside the fields): only the code is judged here.
        known = Of(known, offerId);
        var priced = await PriceAsync(offerId, selection, ct, known);
        if (!priced.Succeeded) return refusals;
        var (offer, prices, chosen, cart) = priced.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var standIn = CheckoutSession.Start(offer.Id, cart, chosen, refusals.Count == 0 ? email : null, now, options.SessionLifetime);
        standIn.OrganizationId = offer.OrganizationId;
        standIn.ApplyDiscount(codeId, now);
        var discounted = await pricing.PriceAsync(offer, prices, chosen, standIn, ct, known?.TaxRates);
        if (!discounted.Succeeded) refusals.AddRange(discounted.Errors.Where(e => e.Param == DiscountErrors.Param));
        return refusals;
    }

    /// <summary><paramref name="known"/> when it is the offer named, else null (the offer is then read).</summary>
    private static KnownOffer? Of(KnownOffer? known, Guid offerId) => known?.Offer.Id == offerId ? known : null;

    private async Task<Result<(Offer Offer, Dictionary<Guid, Price> Prices, Dictionary<string, SlotChoice> Selection, CheckoutCart Cart)>> PriceAsync(
        Guid offerId, IReadOnlyDictionary<string, SlotChoice>? chosen, CancellationToken ct, KnownOffer? known = null)
    {
        // known: the offer named, as Of checked; its parts stand in for the reads below.
        var chosenPrices = chosen?.Values.Select(c => c.Price) ?? [];
        var (offer, prices) = known is not null
            ? (known.Offer, await CheckoutQueries.WithChosenPricesAsync(db, known.Prices, chosenPrices, ct))
            : await CheckoutQueries.LoadOfferAsync(db, offerId, ct, chosenPrices);
        if (offer is null) return Error.Invalid("offer", "No such offer.");
        if (offer.Status != OfferStatus.Published) return Error.Conflict("This offer is not published, so it cannot be bought.", "offer");

        var selection = CheckoutCart.Defaults(offer);
        foreach (var (key, choice) in chosen ?? new Dictionary<string, SlotChoice>()) selection[key] = choice;
        var cart = await pricing.PriceAsync(offer, prices, selection, null, ct, known?.TaxRates);
        // The shopper's own choice is refused with its reasons (beside the fields); the defaults failing is the offer's fault.
        if (!cart.Succeeded && chosen is not null) return Result<(Offer, Dictionary<Guid, Price>, Dictionary<string, SlotChoice>, CheckoutCart)>.Failure(cart.Errors);
        if (!cart.Succeeded) return Error.Conflict("This offer cannot be sold right now: " + cart.FirstError.Message, "offer");
        return (offer, prices, selection, cart.Value);
    }
}

/// <summary>How long an untouched checkout stays open (<c>Checkout:SessionLifetime</c>).</summary>
public sealed record CheckoutOptions(TimeSpan SessionLifetime)
{
    public static readonly CheckoutOptions Default = new(TimeSpan.FromHours(24));
}
