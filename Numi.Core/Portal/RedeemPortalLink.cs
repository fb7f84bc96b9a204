using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Portal;

/// <summary>The customer a link signed in (and the subscription an update-card link lands on), or why it did not.</summary>
public sealed record PortalLinkOutcome(Guid? CustomerId, PortalLinkRefusal Refusal = PortalLinkRefusal.Unknown, Guid? SubscriptionId = null)
{
    public bool SignedIn => CustomerId is not null;
}

/// <summary>Burns an emailed portal link of the current organization and answers the customer it signs in, or why it
/// does not (<see cref="PortalLinkRefusal"/>).</summary>
public sealed class RedeemPortalLinkHandler(INumiDb db, ControllableClock clock)
{
    public async Task<PortalLinkOutcome> HandleAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length != PortalSignInToken.TokenLength) return new PortalLinkOutcome(null);
        var hash = SecretToken.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        // One conditional update: of two redemptions at once, the database lets exactly one change the row.
        var burned = await db.PortalSignInTokens.Where(PortalSignInToken.Redeemable(hash, now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        var token = await db.PortalSignInTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null) return new PortalLinkOutcome(null);
        return burned == 1 ? new PortalLinkOutcome(token.CustomerId, SubscriptionId: token.SubscriptionId) : new PortalLinkOutcome(null, token.RefusalAt(now));
    }
}
