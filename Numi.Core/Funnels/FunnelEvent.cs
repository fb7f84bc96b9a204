using Numi.Core.Common;

namespace Numi.Core.Funnels;

public enum FunnelEventKind { StepViewed, StepCompleted, CheckoutStarted, OrderCompleted, UpsellAccepted, UpsellDeclined }

/// <summary>Something a visitor did on a step (and variant) of a published version: the rows funnel analytics count.
/// Written once, never changed; <see cref="AmountMinor"/> and <see cref="Currency"/> carry the money of orders and
/// accepted upsells.</summary>
public sealed class FunnelEvent : IOrganizationOwned
{
    public const int MaxKeyLength = 32;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    public Guid FunnelVersionId { get; private set; }
    public Guid FunnelSessionId { get; private set; }
    public string StepKey { get; private set; } = "";
    public string? VariantKey { get; private set; }
    public FunnelEventKind Kind { get; private set; }
    public long? AmountMinor { get; private set; }
    public string? Currency { get; private set; }
    public DateTime OccurredAt { get; private set; }

    private FunnelEvent() { }

    public static FunnelEvent Of(FunnelSession session, string stepKey, string? variantKey, FunnelEventKind kind, DateTime occurredAt,
        long? amountMinor = null, string? currency = null) =>
        Of(session.OrganizationId, session.FunnelId, session.FunnelVersionId, session.Id, stepKey, variantKey, kind, occurredAt, amountMinor, currency);

    /// <summary>The row of an event the intake accepted. The organization is set here from the event, never from a
    /// selected tenant: the writer stores the events of every organization together, outside any request.</summary>
    public static FunnelEvent Of(Guid organizationId, Guid funnelId, Guid versionId, Guid sessionId, string stepKey, string? variantKey,
        FunnelEventKind kind, DateTime occurredAt, long? amountMinor, string? currency) => new()
    {
        OrganizationId = organizationId,
        FunnelId = funnelId,
        FunnelVersionId = versionId,
        FunnelSessionId = sessionId,
        StepKey = stepKey,
        VariantKey = variantKey,
        Kind = kind,
        AmountMinor = amountMinor,
        Currency = currency,
        OccurredAt = occurredAt,
    };
}
