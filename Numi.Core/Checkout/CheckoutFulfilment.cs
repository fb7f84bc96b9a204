using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Email;
using Numi.Core.Funnels;
using Numi.Core.Orders;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;

namespace Numi.Core.Checkout;

/// <summary>Turns a paid checkout into its order: the customer matched or created by email (with the payment method
/// saved for later charges), the lines snapshotted, a subscription for each recurring line, the discount code's use,
/// the next order number, the session completed, and the funnel that led to it (<see cref="FunnelAttribution"/>), in one save;
/// the funnel's revenue events follow the commit.</summary>
public sealed class CheckoutFulfilment(INumiDb db, IEmailSender email, Discounts.DiscountReservations discounts, FunnelAttribution funnels, ControllableClock clock)
{
    /// <summary>Holds the session for one payment attempt, saved before the processor is called. Its status and the
    /// attempt's start are concurrency tokens, so of two simultaneous attempts only one gets past this point. The
    /// holder then reserves the use of the session's discount code; a code used up (or used by this shopper) meanwhile
    /// opens the session again and nothing is charged.</summary>
    public async Task<Result<CheckoutSession>> HoldAsync(CheckoutSession session, DateTime now, CancellationToken ct)
    {
        var held = session.BeginAttempt(now);
        if (!held.Succeeded) return held;
        try
        {
            await db.SaveInTurnAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("A payment for this checkout is already in progress.", "id");
        }
        if (await discounts.ReserveAsync(session, now, ct) is not { } refused) return session;
        session.AttemptFailed(null, now);
        await db.SaveInTurnAsync(ct);
        return refused;
    }

    /// <summary>Ends a held attempt with the processor's answer: the order when paid; otherwise the session opens again,
    /// waiting for the bank's authentication or for another card.</summary>
    /// <param name="owner">The session's organization as the caller already read it in this request (the checkout page
    /// has it from the session's own read), for the confirmation mail; null, or another organization's, reads its name.</param>
    /// <param name="known">The session's offer as the caller holds it (<see cref="KnownOffer"/>), which keeps the names
    /// of its products once a payment has read them; null, or another offer, reads them.</param>
    public async Task<Result<Order>> FinishAsync(CheckoutSession session, CheckoutCart cart, ChargeOutcome outcome, CancellationToken ct,
        Tenancy.OrganizationName? owner = null, KnownOffer? known = null)
    {
        // The processor charged what it says it charged: an order is only ever made for exactly that amount.
        if (outcome.Succeeded && outcome.Amount is { } charged && (charged != cart.Total || outcome.Currency != cart.Currency))
            outcome = outcome with { Status = ChargeStatus.Declined, DeclineCode = "amount_mismatch",
                Message = "The order changed while it was being paid; nothing was added. Please pay again." };
        if (outcome.Succeeded) return await FulfilAsync(session, cart, outcome, owner, known, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (outcome.Status == ChargeStatus.RequiresAction) session.AwaitAuthentication(outcome.PaymentIntentId!, now);
        else session.AttemptFailed(outcome.DeclineCode, now);
        await db.SaveInTurnAsync(ct);
        // Waiting for the bank keeps the code's use reserved; a refusal gives it back.
        if (outcome.Status != ChargeStatus.RequiresAction) await discounts.ReleaseAsync(session.Id, ct);
        return PaymentRefusal.Of(outcome.Status, outcome.Message, outcome.Param, outcome.DeclineCode);
    }

    /// <summary>Saves the order in one transaction that holds the organization's row from before the customer is
    /// matched and the number is read until the commit, so concurrent payments of one organization take their numbers,
    /// and create a shopper's customer, in turn: reading them outside it, 32 shoppers at once lost the race on the
    /// unique number more than five times in a row, and the charged shopper got an error instead of an order. The lock
    /// is an update that changes nothing: on PostgreSQL and SQL Server it takes the row's write lock (on every node);
    /// on SQLite the transaction holds the database's one write lock from its start (BEGIN IMMEDIATE) anyway, so there the
    /// update is left out (<see cref="INumiDb.TransactionsLockTheDatabase"/>). What does
    /// not depend on other payments is read before it, so the lock is held for three short queries and the save.</summary>
    private async Task<Result<Order>> FulfilAsync(CheckoutSession session, CheckoutCart cart, ChargeOutcome outcome, Tenancy.OrganizationName? owner,
        KnownOffer? known, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var productNames = await ProductNamesAsync(cart, known is not null && known.Sells(session) ? known : null, ct);
        var merchant = owner is not null && owner.Id == session.OrganizationId
            ? owner.Name
            : await db.Organizations.Where(o => o.Id == session.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var funnel = await funnels.FindAsync(session, ct);
        var lines = cart.Lines.Select(l => OrderLine.Create(l.Slot.Key, l.Price.ProductId, l.Price.Id,
            productNames.GetValueOrDefault(l.Price.ProductId, l.Slot.Name), l.Price.Summary, l.Quantity, l.DueNow, l.Price.IsRecurring)).ToList();
        IReadOnlyList<Funnels.Events.AcceptedFunnelEvent> sold = [];
        try
        {
            var made = await db.WriteInTurnAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // On SQLite the transaction already holds the write lock: the update that changes nothing is one command
                // per payment on the writer thread for nothing.
                if (!db.TransactionsLockTheDatabase) await db.LockOrganizationRowAsync(session.OrganizationId, ct);

                var key = Customer.KeyOf(session.CustomerEmail!);
                var customer = await OrderWriteQueries.CustomerAsync(db, key, ct);
                if (customer is null) db.Customers.Add(customer = Customer.Create(session.CustomerEmail!, session.CustomerName, session.Details.Phone, now));
                customer.Seen(session.CustomerName, session.Details.Phone, outcome.PaymentMethod);
                var number = (await OrderWriteQueries.LastNumberAsync(db, ct) ?? Order.FirstNumber - 1) + 1;
                var order = Order.Create(number, session.Id, session.OfferId, customer.Id, cart,
                    outcome.PaymentIntentId!, outcome.CardBrand, outcome.CardLast4, lines, now);
                order.Follow(session.ParentOrderId);
                order.Describe(session.Details);
                order.PaidWith(outcome.PaymentMethod);
                db.Orders.Add(order);
                if (funnel is not null) sold = funnels.Record(funnel, order, now);
                await discounts.RedeemAsync(session, order.Id, ct);
                // The first period is paid by this order, or is a trial the renewal job charges at its end.
                db.Subscriptions.AddRange(cart.Lines.Zip(lines).Where(l => l.First.Price.IsRecurring)
                    .Select(l => l.First.TrialDays > 0
                        ? Subscription.StartTrial(order, l.Second, l.First.Price, l.First.Amount, l.First.TrialDays, now)
                        : Subscription.Start(order, l.Second, l.First.Price, now)));
                session.Complete(order.Id, now);
                email.Queue(OrderConfirmationEmail.For(order, merchant, session.CustomerEmail!), session.OrganizationId);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return Result<Order>.Success(order);
            }, ct);
            await funnels.PublishAsync(sold);
            return made;
        }
        catch (DbUpdateException e) when (db.IsLostRace(e))
        {
            // Another attempt at this same session already made its order (a taken-over attempt): nothing to redo.
            if (await db.Orders.AsNoTracking().AnyAsync(o => o.CheckoutSessionId == session.Id, ct))
                return Error.Conflict("This checkout is already paid.", "id");
            throw;
        }
    }

    /// <summary>The names of the cart's products, as <paramref name="known"/> keeps them when it does (read once per kept
    /// offer), else read, and kept there for the next payment.</summary>
    private async Task<IReadOnlyDictionary<Guid, string>> ProductNamesAsync(CheckoutCart cart, KnownOffer? known, CancellationToken ct)
    {
        var ids = cart.Lines.Select(l => l.Price.ProductId).Distinct().ToList();
        if (known is not null && known.ProductNamesOf(ids) is { } kept) return kept;
        var names = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        known?.KeepProductNames(names);
        return names;
    }
}
