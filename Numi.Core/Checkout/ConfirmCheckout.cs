using FluentValidation;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Orders;
using Numi.Core.Payments;

namespace Numi.Core.Checkout;

/// <summary>Pays a checkout: with a saved or test payment method (<c>pm_…</c>) or the card the shopper typed.
/// <paramref name="Selection"/>, when given, is what the shopper chose on the page as it was posted with Pay: it replaces
/// the session's choice (required slots not mentioned keep their default, as with <see cref="ChooseCheckout"/>) in the
/// same save that holds the session, so paying takes no save of its own for the choice.</summary>
public sealed record ConfirmCheckout(Guid SessionId, string? PaymentMethod, CardDetails? Card, string? CustomerEmail = null, string? CustomerName = null,
    CheckoutDetails? Details = null, IReadOnlyDictionary<string, SlotChoice>? Selection = null);

public sealed class ConfirmCheckoutValidator : AbstractValidator<ConfirmCheckout>
{
    public ConfirmCheckoutValidator()
    {
        RuleFor(c => c.PaymentMethod).NotEmpty().When(c => c.Card is null).WithMessage("Give a payment method or card details.");
        RuleFor(c => c.PaymentMethod).Empty().When(c => c.Card is not null).WithMessage("Give a payment method or card details, not both.");
        RuleFor(c => c.CustomerEmail).EmailAddress().WithMessage("'{PropertyValue}' is not an email address.")
            .MaximumLength(254).WithMessage("An email address has at most 254 characters.");
        RuleFor(c => c.CustomerName).MaximumLength(200).WithMessage("A name has at most 200 characters.")
            .SingleLineText().WithMessage("A name cannot contain control characters.");
        RuleFor(c => c.CustomerEmail).SingleLineText().WithMessage("An email address cannot contain control characters.");
        RuleFor(c => c.PaymentMethod).SingleLineText();
    }
}

/// <summary>One order per session whatever happens: the session is held (its status is a concurrency token) before
/// the processor is called, the processor gets one idempotency key per attempt, and a unique index allows one order
/// per session.</summary>
public sealed class ConfirmCheckoutHandler(INumiDb db, IValidator<ConfirmCheckout> validator, IPaymentGateway gateway, CheckoutFulfilment fulfilment, CheckoutPricing pricing, ControllableClock clock)
{
    /// <param name="known">The offer's part as the caller already holds it (the checkout page's, kept in memory until
    /// the organization changes, see CheckoutOffers), so paying does not read it again; null reads it. The amounts are
    /// still the server's: computed here from that offer and its prices, never taken from the browser.</param>
    /// <param name="owner">The session's organization as the caller read it with the session in this request: its name
    /// goes into the confirmation mail without another read (see <see cref="CheckoutFulfilment.FinishAsync"/>).</param>
    public async Task<Result<Order>> HandleAsync(ConfirmCheckout command, CancellationToken ct, KnownOffer? known = null, Tenancy.OrganizationName? owner = null)
    {
        var session = await CheckoutQueries.FindSessionAsync(db, command.SessionId, ct);
        if (session is null) return Error.NotFound("No such checkout session.", "id");
        var now = clock.GetUtcNow().UtcDateTime;
        var open = session.EnsureOpen(now);
        if (!open.Succeeded) return Result<Order>.Failure(open.Errors);

        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Order>.Failure(errors);
        session.Describe(command.CustomerEmail, command.CustomerName, now);
        if (session.CustomerEmail is null) return Error.Missing("customer_email", "Enter the email address the receipt goes to.");

        // A session held by an attempt whose answer was lost keeps its choice: paying again retries that payment.
        var chosen = command.Selection is not null && session.Status == CheckoutSessionStatus.Open ? command.Selection : null;
        var (offer, prices, rates) = await CheckoutQueries.LoadOfferAsync(db, session, known, (chosen ?? session.Selection).Values.Select(c => c.Price), ct);
        if (offer is null) return Error.Conflict("The offer of this checkout no longer exists.", "id");
        if (offer.Status != Offers.OfferStatus.Published) return Error.Conflict("This offer is no longer on sale.", "id");
        var details = command.Details?.ForPayment(offer.Payment, session.Details.Location) ?? session.Details;
        var missing = details.Check(offer.Payment);
        if (missing.Count > 0) return Result<Order>.Failure(missing);
        session.Answer(details, offer.Payment, now);
        var selection = chosen is null ? session.Selection : CheckoutCart.Completed(offer, chosen);
        var cart = await pricing.PriceAsync(offer, prices, selection, session, ct, rates);
        if (!cart.Succeeded) return Result<Order>.Failure(cart.Errors);
        session.Choose(cart.Value, selection, now);

        var held = await fulfilment.HoldAsync(session, now, ct);
        if (!held.Succeeded) return Result<Order>.Failure(held.Errors);

        var outcome = cart.Value.OnlyTrialsDue
            ? (await gateway.SaveCardAsync(new SaveCardRequest(session.CustomerEmail!, session.IdempotencyKey, command.PaymentMethod, command.Card), ct))
                .AsZeroCharge(cart.Value.Currency)
            : await gateway.ChargeAsync(new ChargeRequest(cart.Value.Total, cart.Value.Currency, session.IdempotencyKey,
                command.PaymentMethod, command.Card, session.CustomerEmail, Description: offer.Name, CheckoutSession: session.PublicId), ct);
        // Nothing due today (only trials): the card is checked and kept for the charge at the trial's end (a
        // SetupIntent on Stripe), and the order records the setup with a zero total.
        return await fulfilment.FinishAsync(session, cart.Value, outcome, ct, owner, known);
    }
}
