using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>The seam between a funnel and Numi's checkout: which offer a checkout step sells (the shopper's pick, if
/// any), and where a paid checkout opened by a funnel sends the shopper (back to the funnel instead of the offer's own
/// upsell and thank-you). The order itself is attributed to the funnel when it is made (Core's FunnelAttribution), so
/// coming back only moves the shopper on.</summary>
public static class FunnelReturn
{
    /// <summary>The slug of the funnel that opened a checkout, none for a checkout no funnel opened: read with the paid
    /// checkout's order (Checkout's PaidOrderRead). Runs inside the checkout's organization.</summary>
    public static IQueryable<string> SlugsOf(NumiDbContext db, Guid checkoutSessionId) =>
        from s in db.FunnelSessions.AsNoTracking()
        join f in db.Funnels.AsNoTracking() on s.FunnelId equals f.Id
        where s.CheckoutSessionId == checkoutSessionId
        select f.Slug;

    /// <summary>Where the paid checkout's page sends the shopper back to: the funnel's <c>…/next</c>.</summary>
    public static string PathOf(string organizationSlug, string funnelSlug) => "/f/" + organizationSlug + "/" + funnelSlug + "/" + FunnelPage.NextStep;

    /// <summary>The offer a step sells this visitor: on a checkout step, the offer picked on the product-selection step
    /// (when a product-selection step of the session's version offers it); otherwise the arm's offer, else the step's.</summary>
    public static Guid? OfferOf(FunnelVisit visit, SnapshotStep step) => OfferOf(visit.Snapshot, step, visit.Session.ChosenOfferId, visit.ArmOf(step));

    /// <summary>The same from what is known of the session without it: its version's steps, its pick and its arm.</summary>
    public static Guid? OfferOf(FunnelSnapshot snapshot, SnapshotStep step, Guid? chosenOfferId, string arm)
    {
        if (step.Type == FunnelStepType.Checkout && chosenOfferId is { } chosen
            && snapshot.Steps.Any(s => s.Type == FunnelStepType.ProductSelection && s.OfferIds.Contains(chosen)))
            return chosen;
        return step.Variants.FirstOrDefault(v => v.Key == arm)?.OfferId ?? step.OfferId;
    }

    /// <summary>The offer shown picked on a product-selection step: the session's choice while it is still on sale,
    /// else the first.</summary>
    public static Guid Picked(FunnelSession session, IReadOnlyList<Offer> offers) =>
        offers.Any(o => o.Id == session.ChosenOfferId) ? session.ChosenOfferId!.Value : offers[0].Id;

    /// <summary>What the session bought: its checkout's order and the upsells that followed it, oldest first.</summary>
    public static async Task<List<Order>> OrdersOfAsync(NumiDbContext db, FunnelSession session, CancellationToken ct)
    {
        if (session.OrderId is not { } first) return [];
        var followers = db.CheckoutSessions.Where(c => c.ParentOrderId == first && c.OrderId != null).Select(c => c.OrderId!.Value);
        return await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => (o.Id == first || followers.Contains(o.Id)) && o.Status == OrderStatus.Paid)
            .OrderBy(o => o.Number).ToListAsync(ct);
    }
}
