using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Tenancy;

namespace Numi.Core.Discounts;

/// <summary>A code's use is reserved after the session is held and before the card is charged, so the limits hold
/// under concurrency without ever charging a shopper whose discount then fails: the redemption counter is raised by a
/// conditional update (only while under the maximum), and a once-per-customer code's redemption row is unique per
/// customer. A declined payment gives the reservation back; a paid one links it to its order in the order's save.</summary>
public sealed class DiscountReservations(INumiDb db)
{
    /// <returns>Null when the session has no code or its use is reserved; else why the code cannot be used.</returns>
    public async Task<Error?> ReserveAsync(CheckoutSession session, DateTime now, CancellationToken ct)
    {
        if (session.DiscountCodeId is not { } codeId) return null;
        // A retried attempt (its first answer lost, or back from the bank's authentication) keeps its reservation.
        if (await db.DiscountRedemptions.AnyAsync(r => r.CheckoutSessionId == session.Id, ct)) return null;
        var code = await db.DiscountCodes.AsNoTracking().FirstAsync(c => c.Id == codeId, ct);

        var taken = await db.WriteInTurnAsync(() => db.DiscountCodes
            .Where(c => c.Id == codeId && (c.MaxRedemptions == null || c.TimesRedeemed < c.MaxRedemptions))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TimesRedeemed, c => c.TimesRedeemed + 1), ct), ct);
        if (taken == 0) return DiscountErrors.UsedUp(code.Code);

        var redemption = DiscountRedemption.Reserve(code, session.Id, Customer.KeyOf(session.CustomerEmail!), now);
        db.DiscountRedemptions.Add(redemption);
        try
        {
            await db.SaveInTurnAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            // The same shopper's other checkout reserved this once-per-customer code first.
            db.Entry(redemption).State = EntityState.Detached;
            await DiscountCodeUses.GiveBackAsync(db.DiscountCodes, codeId, 1, ct);
            return DiscountErrors.AlreadyUsed(code.Code);
        }
    }

    /// <summary>Gives back the reservation of a payment that did not go through.</summary>
    public async Task ReleaseAsync(Guid sessionId, CancellationToken ct)
    {
        var reserved = await db.DiscountRedemptions.FirstOrDefaultAsync(r => r.CheckoutSessionId == sessionId && r.OrderId == null, ct);
        if (reserved is null) return;
        db.DiscountRedemptions.Remove(reserved);
        // Row first, counter second: if anything fails in between, the counter stays high, which can refuse a use but
        // never allow one too many.
        await db.SaveChangesAsync(ct);
        await DiscountCodeUses.GiveBackAsync(db.DiscountCodes, reserved.DiscountCodeId, 1, ct);
    }

    /// <summary>Gives back the uses still reserved by checkouts that expired unpaid (a payment abandoned half-way, e.g. the
    /// order changed while the bank's authentication was pending). Run by the expiry job, in every organization.</summary>
    public async Task<int> ReleaseExpiredAsync(CancellationToken ct)
    {
        var stale = await db.ReservationsOfExpiredCheckoutsAsync(ct);
        if (stale.Count == 0) return 0;
        db.DiscountRedemptions.RemoveRange(stale);
        await db.SaveChangesAsync(ct);
        foreach (var code in stale.GroupBy(r => r.DiscountCodeId))
            await db.GiveBackDiscountUsesAsync(code.Key, code.Count(), ct);
        return stale.Count;
    }

    /// <summary>Links the session's reservation to its order; saved with the order. A session without a code has none
    /// to link (<see cref="ReserveAsync"/> reserves only for a code), so nothing is read inside the order's transaction.
    /// A reservation can outlive its code only for a moment: removing a code saves the session, then releases (<see
    /// cref="ApplyDiscountCodeHandler"/>). An order made in that moment is not the code's use, and is not linked: the
    /// release then gives the use back, where linking it kept the use taken by an order made without the code.</summary>
    public async Task RedeemAsync(CheckoutSession session, Guid orderId, CancellationToken ct)
    {
        if (session.DiscountCodeId is null) return;
        var reserved = await db.DiscountRedemptions.FirstOrDefaultAsync(r => r.CheckoutSessionId == session.Id, ct);
        reserved?.Redeemed(orderId);
    }

}
