using System.Linq.Expressions;
using Numi.Core.Common;

namespace Numi.Core.Portal;

/// <summary>Why an emailed portal link no longer signs in.</summary>
public enum PortalLinkRefusal { Unknown, Used, Expired }

/// <summary>A customer's emailed portal sign-in link: single use, valid for <see cref="Lifetime"/>. The link carries a
/// random secret; only its SHA-256 hash is stored, so the table cannot be read back into working links.</summary>
public sealed class PortalSignInToken : IOrganizationOwned, ICreatedInOrder
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    /// <summary>A dunning email's update-card link: it waits in an inbox for days, not minutes, and still works once.</summary>
    public static readonly TimeSpan UpdateCardLifetime = TimeSpan.FromDays(7);
    public const int TokenLength = 43;
    /// <summary>How long an expired link's row is kept: a click within it still hears "expired" rather than "unknown";
    /// the housekeeping job deletes it after.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(7);

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid CustomerId { get; private set; }
    /// <summary>The subscription an update-card link lands on; null for an ordinary sign-in link.</summary>
    public Guid? SubscriptionId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    private PortalSignInToken() { }

    /// <summary>A new link for <paramref name="customerId"/>: the row to store and the secret to mail (never stored).</summary>
    public static (PortalSignInToken Token, string Secret) Issue(Guid organizationId, Guid customerId, DateTime now) =>
        Issue(organizationId, customerId, null, now, Lifetime);

    /// <summary>A link for a dunning email: it signs <paramref name="customerId"/> in at <paramref name="subscriptionId"/>,
    /// once, within <see cref="UpdateCardLifetime"/>.</summary>
    public static (PortalSignInToken Token, string Secret) IssueUpdateCard(Guid organizationId, Guid customerId, Guid subscriptionId, DateTime now) =>
        Issue(organizationId, customerId, subscriptionId, now, UpdateCardLifetime);

    private static (PortalSignInToken Token, string Secret) Issue(Guid organizationId, Guid customerId, Guid? subscriptionId, DateTime now, TimeSpan lifetime)
    {
        var secret = SecretToken.New(TokenLength);
        return (new PortalSignInToken
        {
            OrganizationId = organizationId, CustomerId = customerId, SubscriptionId = subscriptionId, TokenHash = SecretToken.Hash(secret),
            CreatedAt = now, ExpiresAt = now + lifetime,
        }, secret);
    }

    /// <summary>The one rule a redemption must meet, as a query: the database applies it in the same statement that burns
    /// the token, so two redemptions at once cannot both pass it.</summary>
    public static Expression<Func<PortalSignInToken, bool>> Redeemable(string tokenHash, DateTime now) =>
        t => t.TokenHash == tokenHash && t.UsedAt == null && t.ExpiresAt > now;

    /// <summary>Redemption burns the token in the database (see <see cref="Redeemable"/>); Core's tests burn one by hand.</summary>
    internal void MarkUsedForTests(DateTime now) => UsedAt = now;

    /// <summary>Why a token that failed <see cref="Redeemable"/> did: a use beats an expiry, as it came first.</summary>
    public PortalLinkRefusal RefusalAt(DateTime now) =>
        UsedAt is not null ? PortalLinkRefusal.Used : now >= ExpiresAt ? PortalLinkRefusal.Expired : PortalLinkRefusal.Unknown;
}
