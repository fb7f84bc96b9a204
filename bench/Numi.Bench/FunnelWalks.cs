using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Demo;

namespace Numi.Bench;

/// <summary>Visitors walking a six-step funnel as the demo's do (most leave on the landing; about half of those who
/// start a checkout pay; a quarter of buyers take the upsell, the others see the downsell), as the events the intake
/// would accept: the bench's seed and its batches are made of these.</summary>
internal static class FunnelWalks
{
    public sealed record Walk(Guid SessionId, string Arm, DateTime StartedAt, List<AcceptedFunnelEvent> Events);

    public static Walk Next(Random random, Guid organizationId, DemoFunnel.Built funnel, DateTime start)
    {
        var (id, at, events) = (Guid.CreateVersion7(), start, new List<AcceptedFunnelEvent>());
        var arm = random.Next(2) == 0 ? "control" : "b";
        void Event(int step, string kind, string? variant = null, long? amount = null)
        {
            at = at.AddSeconds(random.Next(5, 90));
            events.Add(new(id, funnel.FunnelId, funnel.VersionId, organizationId, funnel.StepKeys[step], variant, kind, amount,
                amount is null ? null : "usd", at));
        }

        Event(0, FunnelEventKinds.StepViewed, arm);
        if (random.NextDouble() > (arm == "b" ? 0.5 : 0.42)) return new(id, arm, start, events);
        Event(0, FunnelEventKinds.StepCompleted, arm);
        Event(1, FunnelEventKinds.StepViewed);
        if (random.NextDouble() > 0.72) return new(id, arm, start, events);
        Event(1, FunnelEventKinds.StepCompleted);
        Event(2, FunnelEventKinds.StepViewed);
        if (random.NextDouble() > 0.85) return new(id, arm, start, events);
        Event(2, FunnelEventKinds.CheckoutStarted);
        if (random.NextDouble() > 0.55) return new(id, arm, start, events);
        Event(2, FunnelEventKinds.OrderCompleted, amount: 2400);
        Event(2, FunnelEventKinds.StepCompleted);
        Event(3, FunnelEventKinds.StepViewed);
        if (random.NextDouble() < 0.25) Event(3, FunnelEventKinds.UpsellAccepted, amount: 2900);
        else
        {
            Event(3, FunnelEventKinds.UpsellDeclined);
            Event(4, FunnelEventKinds.StepViewed);
        }
        Event(5, FunnelEventKinds.StepViewed);
        return new(id, arm, start, events);
    }
}
