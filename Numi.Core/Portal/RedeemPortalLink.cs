using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Portal;

/// <summary>The customer a link signed in (and the subscription whose card form an update-card link lands on), or why it did not.</summary>
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
        if (burned != 1) return new PortalLinkOutcome(null, token.RefusalAt(now));
        return new PortalLinkOutcome(token.CustomerId, SubscriptionId: await LandingAsync(token, ct));
    }

    /// <summary>The subscription an update-card link names, only while it is the signed-in customer's own (the tenant
    /// filter keeps it in this organization): a link never opens the card form of a subscription someone else pays for.
    /// Otherwise the link still signs the customer in, without a landing.</summary>
    private async Task<Guid?> LandingAsync(PortalSignInToken token, CancellationToken ct) =>
        token.SubscriptionId is { } id && await db.Subscriptions.AnyAsync(s => s.Id == id && s.CustomerId == token.CustomerId, ct) ? id : null;
}
