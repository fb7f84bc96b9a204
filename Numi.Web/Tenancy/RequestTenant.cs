using Numi.Core.Tenancy;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Web.Tenancy;

/// <summary>The organization this request works in, resolved once by <see cref="TenantMiddleware"/>.</summary>
public sealed class RequestTenant : ITenantContext, ITenantEntry
{
    public Guid? OrganizationId { get; private set; }
    public string? OrganizationName { get; private set; }
    public string? OrganizationSlug { get; private set; }
    public OrganizationRole? Role { get; private set; }
    /// <summary>For a signed-in person: every organization they belong to, for the switcher.</summary>
    public IReadOnlyList<UserOrganization> Memberships { get; private set; } = [];

    public bool IsOwner => Role == OrganizationRole.Owner;

    public void Enter(Guid organizationId, string name, string slug, OrganizationRole? role)
    {
        OrganizationId = organizationId;
        OrganizationName = name;
        OrganizationSlug = slug;
        Role = role;
    }

    /// <summary>A job acting for an organization: nobody is signed in, so there is no role.</summary>
    void ITenantEntry.Enter(Guid organizationId, string name, string slug) => Enter(organizationId, name, slug, role: null);

    public void Remember(IReadOnlyList<UserOrganization> memberships) => Memberships = memberships;
}
