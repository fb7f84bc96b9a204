using Microsoft.EntityFrameworkCore.ChangeTracking;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Checkout;

/// <summary>Drops the cached checkout pages of every session and order a save touched, once the save succeeded, so a
/// shopper never sees their page as it was before their own change; and every page of a funnel a save touched (its checkout steps); and every page of an organization whose offers,
/// catalog, tax rates, discount codes, Stripe connection or settings a save touched, so the merchant's change shows at
/// once on this node.</summary>
public sealed class CheckoutPageEviction(CheckoutPageCache cache) : AfterSaveInterceptor<string>
{
    protected override void Collect(EntityEntry entry, ISet<string> tags)
    {
        switch (entry.Entity)
        {
            case CheckoutSession session:
                tags.Add(CheckoutPageCache.SessionTag(session.Id));
                break;
            case Order order:
                tags.Add(CheckoutPageCache.OrderTag(order.Id));
                // An accepted upsell changes the thank-you page of the order it follows.
                if (order.ParentOrderId is { } parent) tags.Add(CheckoutPageCache.OrderTag(parent));
                break;
            case Numi.Core.Funnels.Funnel funnel:
                tags.Add(CheckoutPageCache.FunnelTag(funnel.Id));
                break;
            case Organization organization:
                tags.Add(CheckoutPageCache.OrganizationTag(organization.Id));
                break;
            case Offer or OfferSlot or OfferSlotOption or Product or ProductImage or Price or Plan or TaxRate or DiscountCode or StripeConnection:
                tags.Add(CheckoutPageCache.OrganizationTag(((IOrganizationOwned)entry.Entity).OrganizationId));
                break;
        }
    }

    protected override void Act(string tag) => cache.Evict(tag);
}
