using Numi.Core.Common;

namespace Numi.Core.Funnels;

public enum FunnelSessionStatus { Active, Completed, Abandoned }

/// <summary>One visitor's walk through one published version of a funnel: where they are, which variant of each
/// tested step they were shown (so they keep seeing it), and the checkout and order it led to.</summary>
public sealed class FunnelSession : IOrganizationOwned
{
    public const int MaxVisitorIdLength = 64;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid FunnelId { get; private set; }
    public Guid FunnelVersionId { get; private set; }
    /// <summary>The visitor's cookie id: random, never a person's data.</summary>
    public string VisitorId { get; private set; } = "";
    public string CurrentStepKey { get; private set; } = "";
    /// <summary>Step key to the variant key shown (<see cref="StepVariant.ControlKey"/> for the step's own content).</summary>
    public Dictionary<string, string> Variants { get; private set; } = [];
    public Guid? CheckoutSessionId { get; private set; }
    /// <summary>The offer picked on the product-selection step: shown picked again when the shopper comes back, and the
    /// offer the funnel's checkout sells.</summary>
    public Guid? ChosenOfferId { get; private set; }
    public Guid? OrderId { get; private set; }
    public FunnelSessionStatus Status { get; private set; }
    public int EventCount { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private FunnelSession() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.FunnelSession, Id);

    public static FunnelSession Start(Guid organizationId, Guid funnelId, Guid versionId, string visitorId, string firstStepKey, DateTime now) => new()
    {
        OrganizationId = organizationId,
        FunnelId = funnelId,
        FunnelVersionId = versionId,
        VisitorId = visitorId,
        CurrentStepKey = firstStepKey,
        StartedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Remembers the arm shown on a tested step so the visitor keeps seeing it; the first pick stands.</summary>
    public bool Remember(string stepKey, string variantKey, DateTime now)
    {
        if (Variants.ContainsKey(stepKey)) return false;
        // A new dictionary rather than a change inside the tracked one, so the JSON column is seen as changed for certain.
        Variants = new Dictionary<string, string>(Variants) { [stepKey] = variantKey };
        UpdatedAt = now;
        return true;
    }

    public void MoveTo(string stepKey, DateTime now)
    {
        CurrentStepKey = stepKey;
        UpdatedAt = now;
    }

    public void Choose(Guid offerId, DateTime now)
    {
        ChosenOfferId = offerId;
        UpdatedAt = now;
    }

    public void LinkCheckout(Guid checkoutSessionId, DateTime now)
    {
        CheckoutSessionId = checkoutSessionId;
        UpdatedAt = now;
    }

    public void RecordOrder(Guid orderId, DateTime now)
    {
        OrderId ??= orderId;
        UpdatedAt = now;
    }

    public void Complete(DateTime now)
    {
        Status = FunnelSessionStatus.Completed;
        UpdatedAt = now;
    }
}
