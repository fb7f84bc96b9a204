namespace Numi.Core.Common;

/// <summary>Background work enters one organization on its own DI scope before acting for it (a webhook event's), so the
/// tenant query filters and the organization's own payment processor apply exactly as in a request.</summary>
public interface ITenantEntry
{
    void Enter(Guid organizationId, string name, string slug);
}
