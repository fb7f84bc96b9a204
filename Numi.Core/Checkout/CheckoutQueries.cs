using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Checkout;

public static class CheckoutQueries
{
    /// <summary>An offer with its slots and every price its slots may sell, keyed by id, plus the prices a session
    /// chose (<paramref name="chosen"/>), which may since have been replaced.</summary>
    public static async Task<(Offer? Offer, Dictionary<Guid, Price> Prices)> LoadOfferAsync(INumiDb db, Guid offerId, CancellationToken ct,
        IEnumerable<Guid>? chosen = null)
    {
        var offer = await OfferQueries.LoadAsync(db, offerId, ct);
        if (offer is null) return (null, []);
        var ids = offer.Slots.SelectMany(s => s.Options.Select(o => o.PriceId).Append(s.DefaultPriceId)).Concat(chosen ?? []).Distinct().ToList();
        var prices = await db.Prices.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return (offer, prices);
    }

    /// <summary>A session the shopper may still change: open, in time, and not held by a payment (even one whose answer
    /// was lost: that payment is for the order as it was, so the order cannot change under it).</summary>
    public static async Task<Result<CheckoutSession>> LoadChangeableAsync(INumiDb db, Guid sessionId, DateTime now, CancellationToken ct)
    {
        var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return Error.NotFound("No such checkout session.", "id");
        var open = session.EnsureOpen(now);
        if (!open.Succeeded) return open;
        if (session.Status != CheckoutSessionStatus.Open) return Error.Conflict("A payment for this checkout is already in progress.", "id");
        return session;
    }
}
