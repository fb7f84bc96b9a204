using Numi.Core.Common;

namespace Numi.Infrastructure.Tests.Support;

public sealed class TestTenant(Guid? organizationId = null) : ITenantContext
{
    public Guid? OrganizationId { get; set; } = organizationId;
}
