using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Discounts;

namespace Numi.Core.Tenancy;

public static partial class AcrossTenants
{
    /// <summary>The expiry job closes open checkouts whose time is up in every organization; one held by a payment
    /// attempt, or waiting for the bank's authentication, is left alone (its charge may go through).</summary>
    public static Task<int> ExpireOpenCheckoutSessionsAsync(this INumiDb db, DateTime now, CancellationToken ct) =>
        db.CheckoutSessions.IgnoreQueryFilters()
            .Where(s => s.Status == CheckoutSessionStatus.Open && s.ExpiresAt <= now && s.PendingPaymentIntent == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CheckoutSessionStatus.Expired).SetProperty(x => x.UpdatedAt, now), ct);

    /// <summary>The housekeeping job deletes funnel sessions last changed before <paramref name="before"/> in every
    /// organization, at most <paramref name="batch"/> a statement. Their events and rollup firsts go with them (the
    /// foreign keys cascade); the analytics read only the daily rows, which stay.</summary>
    public static async Task<int> PurgeOldFunnelSessionsAsync(this INumiDb db, DateTime before, int batch, CancellationToken ct)
    {
        var purged = 0;
        while (true)
        {
            var ids = await OldFunnelSessionIds(db, before, batch).ToListAsync(ct);
            if (ids.Count == 0) return purged;
            purged += await db.FunnelSessions.IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
            if (ids.Count < batch) return purged;
        }
    }

    /// <summary>The next batch of sessions <see cref="PurgeOldFunnelSessionsAsync"/> deletes: found through the index on
    /// <c>UpdatedAt</c>, not by a scan of every session (checked with each provider's EXPLAIN in the tests).</summary>
    public static IQueryable<Guid> OldFunnelSessionIds(this INumiDb db, DateTime before, int batch) =>
        db.FunnelSessions.IgnoreQueryFilters().Where(s => s.UpdatedAt <= before).Select(s => s.Id).Take(batch);

    /// <summary>The housekeeping job deletes idempotency records past their 24 hours, in every organization.</summary>
    public static Task<int> PurgeExpiredIdempotencyRecordsAsync(this INumiDb db, DateTime now, CancellationToken ct) =>
        db.IdempotencyRecords.IgnoreQueryFilters().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);

    /// <summary>The housekeeping job deletes portal sign-in links that expired before <paramref name="expiredBefore"/>,
    /// used or not, in every organization.</summary>
    public static Task<int> PurgeOldPortalLinksAsync(this INumiDb db, DateTime expiredBefore, CancellationToken ct) =>
        db.PortalSignInTokens.IgnoreQueryFilters().Where(t => t.ExpiresAt <= expiredBefore).ExecuteDeleteAsync(ct);

    /// <summary>Start-up seeds the demo only into an empty database: whether any organization exists at all.</summary>
    public static Task<bool> AnyOrganizationAsync(this INumiDb db, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().AnyAsync(ct);

    /// <summary>The expiry job gives back discount uses still reserved by checkouts that expired unpaid, in every
    /// organization: those reservations (tracked, to be removed).</summary>
    public static Task<List<DiscountRedemption>> ReservationsOfExpiredCheckoutsAsync(this INumiDb db, CancellationToken ct) =>
        db.DiscountRedemptions.IgnoreQueryFilters()
            .Where(r => r.OrderId == null && db.CheckoutSessions.IgnoreQueryFilters()
                .Any(s => s.Id == r.CheckoutSessionId && s.Status == CheckoutSessionStatus.Expired))
            .ToListAsync(ct);

    /// <summary>Gives <paramref name="uses"/> back to the code a released reservation held, whichever organization owns it.</summary>
    public static Task<int> GiveBackDiscountUsesAsync(this INumiDb db, Guid codeId, int uses, CancellationToken ct) =>
        DiscountCodeUses.GiveBackAsync(db.DiscountCodes.IgnoreQueryFilters(), codeId, uses, ct);
}
