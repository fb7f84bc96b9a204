using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Orders;

namespace Numi.Core.Funnels;

/// <summary>Orders a funnel led to carry the funnel, its version and the arm of the step that sold them. This is set
/// when the order is made, in the order's own save, whoever makes it: the shopper's Pay, their return from the bank,
/// the processor's webhook after a closed tab, a one-click upsell. The same save writes the funnel's revenue event and
/// moves a paid checkout's session past its checkout step, so a shopper who never comes back is still counted, and
/// counted once, however many return pages or webhooks follow.</summary>
public sealed class FunnelAttribution(INumiDb db)
{
    /// <summary>The funnel session a checkout belongs to, read before the order's transaction takes the organization's
    /// lock: the session that opened the checkout or, for a one-click upsell, the session whose order it follows. Null
    /// for a checkout no funnel opened (one indexed look-up).</summary>
    public async Task<FunnelSale?> FindAsync(CheckoutSession checkout, CancellationToken ct)
    {
        var session = checkout.ParentOrderId is { } parent
            ? await db.FunnelSessions.FirstOrDefaultAsync(s => s.OrderId == parent, ct)
            : await db.FunnelSessions.FirstOrDefaultAsync(s => s.CheckoutSessionId == checkout.Id && s.OrderId == null, ct);
        if (session is null) return null;
        var json = await db.FunnelVersions.Where(v => v.Id == session.FunnelVersionId).Select(v => v.Snapshot).FirstAsync(ct);
        return new FunnelSale(session, FunnelSnapshot.FromJson(json), FollowsOrder: checkout.ParentOrderId is not null);
    }

    /// <summary>Attributes the order being made to the sale's funnel and adds its events to the same save; nothing when
    /// no step of the session's version sold the order's offer.</summary>
    public void Record(FunnelSale sale, Order order, DateTime now)
    {
        var session = sale.Session;
        var step = sale.FollowsOrder ? sale.UpsellStepOf(order.OfferId) : sale.CheckoutStep();
        if (step is null) return;
        var arm = session.Variants.GetValueOrDefault(step.Key, StepVariant.ControlKey);
        order.AttributeToFunnel(session.FunnelId, session.FunnelVersionId, arm);
        if (sale.FollowsOrder)
        {
            db.FunnelEvents.Add(FunnelEvent.Of(session, step.Key, arm, FunnelEventKind.UpsellAccepted, now, order.AmountTotal, order.Currency));
            return;
        }
        session.RecordOrder(order.Id, now);
        db.FunnelEvents.Add(FunnelEvent.Of(session, step.Key, arm, FunnelEventKind.OrderCompleted, now, order.AmountTotal, order.Currency));
        db.FunnelEvents.Add(FunnelEvent.Of(session, step.Key, arm, FunnelEventKind.StepCompleted, now));
        if (sale.After(step) is { } next) session.MoveTo(next.Key, now);
    }
}

/// <summary>A checkout (or upsell) that belongs to a funnel session, with the steps of the version that session walks.</summary>
public sealed record FunnelSale(FunnelSession Session, FunnelSnapshot Snapshot, bool FollowsOrder)
{
    /// <summary>The checkout step the session is on (it stays there until the order is made), else the version's first.</summary>
    public SnapshotStep? CheckoutStep() =>
        Snapshot.Steps.FirstOrDefault(s => s.Key == Session.CurrentStepKey && s.Type == FunnelStepType.Checkout)
        ?? Snapshot.Steps.FirstOrDefault(s => s.Type == FunnelStepType.Checkout);

    /// <summary>The upsell or downsell step whose arm for this visitor sells <paramref name="offerId"/>: the step the
    /// session is on first (the one-click accept happens there), else the first such step (a late confirmation).</summary>
    public SnapshotStep? UpsellStepOf(Guid offerId) => Snapshot.Steps
        .Where(s => s.Type is FunnelStepType.Upsell or FunnelStepType.Downsell && OfferOf(s) == offerId)
        .OrderBy(s => s.Key == Session.CurrentStepKey ? 0 : 1).FirstOrDefault();

    public SnapshotStep? After(SnapshotStep step)
    {
        var index = Snapshot.Steps.ToList().FindIndex(s => s.Key == step.Key);
        return index >= 0 && index + 1 < Snapshot.Steps.Count ? Snapshot.Steps[index + 1] : null;
    }

    private Guid? OfferOf(SnapshotStep step) =>
        (Session.Variants.TryGetValue(step.Key, out var arm) ? step.Variants.FirstOrDefault(v => v.Key == arm)?.OfferId : null) ?? step.OfferId;
}
