using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Core.Tax;

namespace Numi.Web.Features.Checkout;

/// <summary>Drops the cached checkout pages of every session and order a save touched, once the save succeeded, so a
/// shopper never sees their page as it was before their own change; and every page of an organization whose offers,
/// catalog, tax rates, discount codes, Stripe connection or settings a save touched, so the merchant's change shows at
/// once on this node.</summary>
public sealed class CheckoutPageEviction(CheckoutPageCache cache) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<string>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Evict(eventData.Context);
        return result;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var tags = new List<string>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
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
                case Organization organization:
                    Add(tags, CheckoutPageCache.OrganizationTag(organization.Id));
                    break;
                case Offer or OfferSlot or OfferSlotOption or Product or ProductImage or Price or TaxRate or DiscountCode or StripeConnection:
                    Add(tags, CheckoutPageCache.OrganizationTag(((IOrganizationOwned)entry.Entity).OrganizationId));
                    break;
            }
        }
        if (tags.Count > 0) _pending.AddOrUpdate(context, tags);
        else _pending.Remove(context);
    }

    private static void Add(List<string> tags, string tag)
    {
        if (!tags.Contains(tag)) tags.Add(tag);
    }

    private void Evict(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var tags)) return;
        _pending.Remove(context);
        foreach (var tag in tags) cache.Evict(tag);
    }
}
