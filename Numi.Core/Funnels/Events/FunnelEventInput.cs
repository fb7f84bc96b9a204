namespace Numi.Core.Funnels.Events;

/// <summary>An event as a funnel page or the browser posts it: untrusted until <see cref="FunnelEventValidation"/>
/// accepts it. The session, funnel and organization never come from here but from the server's own session lookup,
/// so a visitor can only add events to their own session.</summary>
/// <param name="Kind">One of <see cref="FunnelEventKinds"/>, e.g. <c>step_viewed</c>.</param>
/// <param name="AmountMinor">With <paramref name="Currency"/>, for the kinds that carry money (an order, an upsell).</param>
public sealed record FunnelEventInput(
    string? Kind,
    string? StepKey,
    string? VariantKey = null,
    long? AmountMinor = null,
    string? Currency = null);

/// <summary>What the server knows about the session an event belongs to, from its own records.</summary>
/// <param name="StepKeys">The keys of the steps of this funnel version; an event naming another step is refused.</param>
/// <param name="VariantKeys">The variant keys of this funnel version, or null to accept any well-formed one.</param>
public sealed record FunnelEventContext(
    Guid FunnelSessionId,
    Guid FunnelId,
    Guid FunnelVersionId,
    Guid OrganizationId,
    IReadOnlySet<string> StepKeys,
    IReadOnlySet<string>? VariantKeys = null);

/// <summary>An event that passed validation, ready for the queue and the store. Holds no personal or card data:
/// ids, keys, an amount and a currency. <see cref="OccurredAt"/> is the server's UTC time of receipt, never the
/// browser's clock.</summary>
public sealed record AcceptedFunnelEvent(
    Guid FunnelSessionId,
    Guid FunnelId,
    Guid FunnelVersionId,
    Guid OrganizationId,
    string StepKey,
    string? VariantKey,
    string Kind,
    long? AmountMinor,
    string? Currency,
    DateTime OccurredAt);
