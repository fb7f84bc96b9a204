namespace Numi.Bench.Renewals;

/// <summary>The organization a scope works for, entered by the sweep for each item as the app's jobs do.</summary>
internal sealed class BenchTenant : Numi.Core.Common.ITenantContext, Numi.Core.Common.ITenantEntry
{
    public Guid? OrganizationId { get; private set; }

    public void Enter(Guid organizationId, string name, string slug) => OrganizationId = organizationId;
}
