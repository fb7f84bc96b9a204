using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Payments;

namespace Numi.Core.Checkout;

/// <summary>The shopper accepts the one-click upsell shown after paying: the upsell offer's default selection is
/// charged to the payment method saved at that payment (off-session, no card typed again) and becomes a second order
/// that follows the first. Accepting the same upsell twice charges once: an order has at most one upsell session per
/// upsell offer. A funnel's upsell and a later step's other offer are each an order of their own, both following the
/// first.</summary>
/// <param name="UpsellOfferId">The offer to add, when a funnel's upsell or downsell step names it; null for the paid
/// offer's own upsell (<see cref="Offer.UpsellOfferId"/>).</param>
public sealed record AcceptUpsell(Guid SessionId, Guid? UpsellOfferId = null);

public sealed class AcceptUpsellHandler(INumiDb db, IPaymentGateway gateway, CheckoutFulfilment fulfilment, CheckoutPricing pricing, ControllableClock clock,
    CheckoutOptions options)
{
    /// <summary>How long after paying the upsell can be accepted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>One click right after paying, with the card just used: not days later, not after a refund, not another
    /// card, and only for an upsell on sale whose questions the first order already answered (one click asks nothing).</summary>
    public static bool CanFollow(Order order, Offer upsell, DateTime now) =>
        order.PaymentMethod is not null && order.Status == OrderStatus.Paid && now - order.CreatedAt <= Window
        && upsell.Status == OfferStatus.Published && order.Details.Check(upsell.Payment).Count == 0;

    public async Task<Result<Order>> HandleAsync(AcceptUpsell command, CancellationToken ct)
    {
        var paid = await db.CheckoutSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == command.SessionId, ct);
        if (paid?.OrderId is not { } orderId) return Error.Conflict("The upsell follows a paid checkout.", "id");
        var order = await db.Orders.AsNoTracking().FirstAsync(o => o.Id == orderId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var offer = await db.Offers.AsNoTracking().FirstAsync(o => o.Id == paid.OfferId, ct);
        if ((command.UpsellOfferId ?? offer.UpsellOfferId) is not { } upsellId) return Error.Conflict("This offer has no upsell.", "id");
        var customer = await db.Customers.FirstAsync(c => c.Id == order.CustomerId, ct);

        var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.ParentOrderId == orderId && s.OfferId == upsellId, ct);
        if (session?.OrderId is { } upsellOrderId) return await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == upsellOrderId, ct);

        var (upsell, prices) = await CheckoutQueries.LoadOfferAsync(db, upsellId, ct);
        if (upsell is null || !CanFollow(order, upsell, now)) return Error.Conflict("This offer is no longer available.", "id");
        var selection = CheckoutCart.Defaults(upsell);
        var cart = CheckoutCart.Build(upsell, prices, selection);
        if (!cart.Succeeded) return Error.Conflict("The upsell cannot be sold right now: " + cart.FirstError.Message, "id");
        if (session is null)
        {
            session = CheckoutSession.Start(upsell.Id, cart.Value, selection, customer.Email, now, options.SessionLifetime);
            session.Describe(null, customer.Name, now);
            // The first order's answers as far as the upsell asks for them, and where the first order was taxed, which
            // its address may have decided: the upsell is taxed there even when it asks for no address itself.
            session.Answer(order.Details with { Location = order.Details.WhereTaxed(offer.Payment) }, upsell.Payment, now);
            session.FollowOrder(orderId);
            db.CheckoutSessions.Add(session);
            try
            {
                await db.SaveInTurnAsync(ct);
            }
            catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
            {
                return Error.Conflict("The upsell is already being added.", "id");
            }
        }

        // Priced again now that the session knows where the shopper is.
        var priced = await pricing.PriceAsync(upsell, prices, selection, session, ct);
        if (!priced.Succeeded) return Error.Conflict("The upsell cannot be sold right now: " + priced.FirstError.Message, "id");
        session.Choose(priced.Value, selection, now);
        var held = await fulfilment.HoldAsync(session, now, ct);
        if (!held.Succeeded) return Result<Order>.Failure(held.Errors);
        // A trial upsell is nothing due today: the card the first order saved is kept for the trial's end (a SetupIntent
        // on Stripe, which refuses a payment of zero), as a trial checkout keeps the card typed.
        var outcome = priced.Value.OnlyTrialsDue
            ? (await gateway.SaveCardAsync(new SaveCardRequest(customer.Email, session.IdempotencyKey, order.PaymentMethod, null), ct))
                .AsZeroCharge(priced.Value.Currency)
            : await gateway.ChargeAsync(new ChargeRequest(priced.Value.Total, priced.Value.Currency, session.IdempotencyKey,
                order.PaymentMethod, null, customer.Email, OffSession: true, Description: upsell.Name, CheckoutSession: session.PublicId), ct);
        // Off-session there is nobody to authenticate with the bank: that is a decline for the shopper to see.
        if (outcome.Status == ChargeStatus.RequiresAction)
            outcome = outcome with { Status = ChargeStatus.Declined, DeclineCode = "authentication_required" };
        return await fulfilment.FinishAsync(session, priced.Value, outcome, ct);
    }
}
