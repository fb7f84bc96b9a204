namespace Numi.Core.Organizations;

/// <summary>A member's role in one organization. Only owners manage members and API keys.</summary>
public enum OrganizationRole
{
    Member,
    Admin,
    Owner,
}
