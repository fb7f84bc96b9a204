using Numi.Core.Common;

namespace Numi.Core.Organizations;

/// <summary>An emailed invitation to join an organization. The link carries a secret; only its hash is stored.</summary>
public sealed class Invitation : IOrganizationOwned, ICreatedInOrder
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Email { get; private set; } = "";
    public OrganizationRole Role { get; private set; }
    public string TokenHash { get; private set; } = "";
    public Guid InvitedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    private Invitation() { }

    public static (Invitation Invitation, string Token) Create(
        Guid organizationId, string email, OrganizationRole role, Guid invitedBy, DateTime now)
    {
        var token = SecretToken.New(40);
        var invitation = new Invitation
        {
            OrganizationId = organizationId,
            Email = email.Trim().ToLowerInvariant(),
            Role = role,
            TokenHash = SecretToken.Hash(token),
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, token);
    }

    public bool IsPending(DateTime now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    public Result<Invitation> Accept(DateTime now)
    {
        if (AcceptedAt is not null) return Error.Conflict("This invitation has already been used.");
        if (RevokedAt is not null) return Error.Conflict("This invitation was withdrawn.");
        if (now >= ExpiresAt) return Error.Conflict("This invitation has expired. Ask for a new one.");
        AcceptedAt = now;
        return this;
    }

    public Result<Invitation> Revoke(DateTime now)
    {
        if (!IsPending(now)) return Error.Conflict("Only a pending invitation can be withdrawn.");
        RevokedAt = now;
        return this;
    }
}
