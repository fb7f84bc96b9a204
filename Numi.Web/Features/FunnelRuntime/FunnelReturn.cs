using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>The seam between a funnel and Numi's checkout: a checkout opened by a funnel step sends the paid shopper
/// back to the funnel (instead of the offer's own upsell and thank-you), and the order is attributed to the funnel,
/// its version and the arm of the step that led to it.</summary>
public static class FunnelReturn
{
    /// <summary>Where the paid checkout's page sends the shopper: the funnel's <c>…/next</c>, or null for a checkout
    /// no funnel opened. Runs inside the checkout's organization.</summary>
    public static Task<string?> PathForAsync(NumiDbContext db, string organizationSlug, Guid checkoutSessionId, CancellationToken ct) =>
        (from s in db.FunnelSessions.AsNoTracking()
         join f in db.Funnels.AsNoTracking() on s.FunnelId equals f.Id
         where s.CheckoutSessionId == checkoutSessionId
         select "/f/" + organizationSlug + "/" + f.Slug + "/" + FunnelPage.NextStep).FirstOrDefaultAsync(ct);

    /// <summary>Back from the checkout: once its order is paid, the order joins the session (once), is attributed, and
    /// the session moves past the checkout step.</summary>
    public static async Task TakeOrderAsync(FunnelVisit visit, NumiDbContext db, CancellationToken ct)
    {
        var session = visit.Session;
        if (session.OrderId is not null || session.CheckoutSessionId is not { } checkoutId) return;
        var orderId = await db.CheckoutSessions.AsNoTracking().Where(c => c.Id == checkoutId).Select(c => c.OrderId).FirstOrDefaultAsync(ct);
        if (orderId is null) return;
        var order = await db.Orders.FirstAsync(o => o.Id == orderId, ct);
        if (order.Status != OrderStatus.Paid) return;
        var checkout = visit.Snapshot.Steps.FirstOrDefault(s => s.Key == session.CurrentStepKey && s.Type == FunnelStepType.Checkout)
            ?? visit.FirstOfType(FunnelStepType.Checkout) ?? visit.Current;
        order.AttributeToFunnel(session.FunnelId, session.FunnelVersionId, visit.ArmOf(checkout));
        session.RecordOrder(order.Id, visit.Now);
        visit.Record(FunnelEventKinds.OrderCompleted, checkout, order.AmountTotal, order.Currency);
        visit.Record(FunnelEventKinds.StepCompleted, checkout);
        if (visit.After(checkout, skipDownsells: false) is { } next) session.MoveTo(next.Key, visit.Now);
    }

    /// <summary>An order a funnel's upsell or downsell step added, attributed to that step's arm.</summary>
    public static async Task AttributeAsync(NumiDbContext db, Guid orderId, FunnelVisit visit, string arm, CancellationToken ct)
    {
        var order = await db.Orders.FirstAsync(o => o.Id == orderId, ct);
        order.AttributeToFunnel(visit.Session.FunnelId, visit.Session.FunnelVersionId, arm);
    }

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
