using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Funnels;

/// <summary>What happened to one posted event.</summary>
public enum FunnelEventOutcome { Queued, Refused, Dropped }

/// <summary>The one call a funnel page or the events endpoint makes: validates the posted event, takes it from its
/// session's budget, and queues it, stamped with Numi's clock. Nothing here waits on I/O. Refusals and drops are
/// counted in <see cref="FunnelEventQueue.Snapshot"/>; the caller answers the browser the same way whatever the
/// outcome, so a refused event never surfaces on the shopper's page.</summary>
public sealed class FunnelEventIntake(FunnelEventQueue queue, SessionEventBudget budget, ControllableClock clock)
{
    public FunnelEventOutcome Record(FunnelEventInput input, FunnelEventContext context) => Record(input, context, out _);

    /// <param name="refusal">Why validation refused the event (null for a budget refusal or a drop): for tests and
    /// debug logs, never for the shopper.</param>
    public FunnelEventOutcome Record(FunnelEventInput input, FunnelEventContext context, out Error? refusal)
    {
        refusal = null;
        var validated = FunnelEventValidation.Validate(input, context, clock.GetUtcNow().UtcDateTime);
        if (!validated.Succeeded)
        {
            refusal = validated.FirstError;
            queue.CountRefused();
            return FunnelEventOutcome.Refused;
        }
        if (!budget.TryTake(context.FunnelSessionId))
        {
            queue.CountRefused();
            return FunnelEventOutcome.Refused;
        }
        return queue.TryEnqueue(validated.Value) ? FunnelEventOutcome.Queued : FunnelEventOutcome.Dropped;
    }
}
