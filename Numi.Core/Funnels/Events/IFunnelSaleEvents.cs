namespace Numi.Core.Funnels.Events;

/// <summary>Where a funnel sale's events go once its order is committed: <c>order_completed</c> with the checkout
/// step's <c>step_completed</c>, or an upsell's <c>upsell_accepted</c>. They are not written in the order's own save
/// because the analytics' rollup (<see cref="Analytics.FunnelRollup"/>) must be stored in the same transaction as the
/// events it counts, and its daily rows are shared by every sale of a funnel and day: the order's save would then fail
/// whenever another payment or the event writer moved the same row. The implementation hands them to the event writer,
/// which stores them with their rollup; they bypass the per-session budget (money is never refused).</summary>
public interface IFunnelSaleEvents
{
    /// <summary>Called once per order, after its commit, with the order's events.</summary>
    Task RecordAsync(IReadOnlyList<AcceptedFunnelEvent> events, CancellationToken ct);
}
