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
        long? amountMinor = null, string? currency = null) => new()
    {
        OrganizationId = session.OrganizationId,
        FunnelId = session.FunnelId,
        FunnelVersionId = session.FunnelVersionId,
        FunnelSessionId = session.Id,
        StepKey = stepKey,
        VariantKey = variantKey,
        Kind = kind,
        AmountMinor = amountMinor,
        Currency = currency,
        OccurredAt = occurredAt,
    };
}
