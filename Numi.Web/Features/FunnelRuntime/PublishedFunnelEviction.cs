using Microsoft.EntityFrameworkCore.ChangeTracking;
using Numi.Core.Funnels;
using Numi.Core.Offers;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>Drops an organization's published funnels and their pages from <see cref="PublishedFunnelCache"/> once a
/// save of one of its funnels (publish, rollback, archive, restore, rename), of one of its offers (their names, brand
/// and status are on the pages) or of the organization itself (its name and slug are on the page and in the URL)
/// succeeded.</summary>
public sealed class PublishedFunnelEviction(PublishedFunnelCache cache) : AfterSaveInterceptor<Guid>
{
    protected override void Collect(EntityEntry entry, ISet<Guid> organizations)
    {
        switch (entry.Entity)
        {
            case Funnel funnel:
                organizations.Add(funnel.OrganizationId);
                break;
            case Offer offer:
                organizations.Add(offer.OrganizationId);
                break;
            case Organization organization:
                organizations.Add(organization.Id);
                break;
        }
    }

    protected override void Act(Guid organizationId) => cache.Evict(organizationId);
}
