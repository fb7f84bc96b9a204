using FluentValidation;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Checkout;

/// <summary>Opens a checkout of a published offer with its default selection; <paramref name="BrowserKeyHash"/> binds it
/// at once to the browser that opened it (see <see cref="CheckoutSession.BrowserKeyHash"/>).</summary>
public sealed record StartCheckout(Guid? OfferId, string? CustomerEmail = null, string? BrowserKeyHash = null);

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

public sealed class StartCheckoutHandler(INumiDb db, IValidator<StartCheckout> validator, CheckoutPricing pricing, TimeProvider clock, CheckoutOptions options)
{
    public async Task<Result<CheckoutSession>> HandleAsync(StartCheckout command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<CheckoutSession>.Failure(errors);
        var (offer, prices) = await CheckoutQueries.LoadOfferAsync(db, command.OfferId!.Value, ct);
        if (offer is null) return Error.Invalid("offer", "No such offer.");
        if (offer.Status != OfferStatus.Published) return Error.Conflict("This offer is not published, so it cannot be bought.", "offer");

        var selection = CheckoutCart.Defaults(offer);
        var cart = await pricing.PriceAsync(offer, prices, selection, null, ct);
        if (!cart.Succeeded) return Error.Conflict("This offer cannot be sold right now: " + cart.FirstError.Message, "offer");

        var session = CheckoutSession.Start(offer.Id, cart.Value, selection, command.CustomerEmail, clock.GetUtcNow().UtcDateTime, options.SessionLifetime,
            command.BrowserKeyHash);
        db.CheckoutSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }
}

/// <summary>How long an untouched checkout stays open (<c>Checkout:SessionLifetime</c>).</summary>
public sealed record CheckoutOptions(TimeSpan SessionLifetime)
{
    public static readonly CheckoutOptions Default = new(TimeSpan.FromHours(24));
}
