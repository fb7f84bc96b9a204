using Numi.Core.Common;

namespace Numi.Core.Organizations;

public sealed class Membership : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; private set; }
    public OrganizationRole Role { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Membership() { }

    public static Membership Create(Guid organizationId, Guid userId, OrganizationRole role, DateTime now) => new()
    {
        OrganizationId = organizationId,
        UserId = userId,
        Role = role,
        CreatedAt = now,
    };

    public void ChangeRole(OrganizationRole role) => Role = role;
}
