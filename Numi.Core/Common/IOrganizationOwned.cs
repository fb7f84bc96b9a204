namespace Numi.Core.Common;

/// <summary>A merchant-owned row. The database keeps every request inside its organization through a
/// query filter on this property.</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; set; }
}

/// <summary>The organization the current request or job works for; null means none (and sees nothing).</summary>
public interface ITenantContext
{
    Guid? OrganizationId { get; }
}
