using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Funnels.Events;
using Numi.Core.Orders;

namespace Numi.Core.Funnels;

/// <summary>Orders a funnel led to carry the funnel, its version and the arm of the step that sold them. This is set
/// when the order is made, in the order's own save, whoever makes it: the shopper's Pay, their return from the bank,
/// the processor's webhook after a closed tab, a one-click upsell. The same save moves a paid checkout's session past
/// its checkout step; the funnel's revenue events follow the commit (<see cref="PublishAsync"/>, through
/// <see cref="IFunnelSaleEvents"/>), so a shopper who never comes back is still counted, and counted once (one order per
/// checkout), however many return pages or webhooks follow.</summary>
public sealed class FunnelAttribution(INumiDb db, IFunnelSaleEvents sales)
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

    /// <summary>Attributes the order being made to the sale's funnel (in the same save) and returns its events, to be
    /// published once the order is committed; none when no step of the session's version sold the order's offer.</summary>
    public IReadOnlyList<AcceptedFunnelEvent> Record(FunnelSale sale, Order order, DateTime now)
    {
        var session = sale.Session;
        var step = sale.FollowsOrder ? sale.UpsellStepOf(order.OfferId) : sale.CheckoutStep();
        if (step is null) return [];
        var arm = session.Variants.GetValueOrDefault(step.Key, StepVariant.ControlKey);
        order.AttributeToFunnel(session.FunnelId, session.FunnelVersionId, arm);
        AcceptedFunnelEvent Event(string kind, long? amount = null, string? currency = null) =>
            new(session.Id, session.FunnelId, session.FunnelVersionId, session.OrganizationId, step.Key, arm, kind, amount, currency, now);
        if (sale.FollowsOrder) return [Event(FunnelEventKinds.UpsellAccepted, order.AmountTotal, order.Currency)];
        session.RecordOrder(order.Id, now);
        if (sale.After(step) is { } next) session.MoveTo(next.Key, now);
        return [Event(FunnelEventKinds.OrderCompleted, order.AmountTotal, order.Currency), Event(FunnelEventKinds.StepCompleted)];
    }

    /// <summary>Hands a committed order's events (from <see cref="Record"/>) to the event writer. Not cancelled with the
    /// request: the order exists, so its revenue must be counted.</summary>
    public Task PublishAsync(IReadOnlyList<AcceptedFunnelEvent> events) =>
        events.Count == 0 ? Task.CompletedTask : sales.RecordAsync(events, CancellationToken.None);
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
