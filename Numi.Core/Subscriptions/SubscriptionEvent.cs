using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>What happened to a subscription: <c>cancel_scheduled</c> keeps the status and sets cancel at period end,
/// <c>cancel_undone</c> clears it, <c>payment_method_changed</c> names the new card, the others move the status or
/// (quantity) the amount.</summary>
public enum SubscriptionEventType
{
    Canceled, CancelScheduled, CancelUndone, Paused, Resumed, QuantityChanged,
    /// <summary>Renewals (SubscriptionRenewal.cs): a period paid, a charge failed, a card to replace, the end reached, retries used up.</summary>
    Renewed, PaymentFailed, NewCardNeeded, Ended, RetriesExhausted,
    PaymentMethodChanged,
    /// <summary>The unpaid-invoice expiry gave up on an invoice (and, for a subscription still past due, took the plan's action).</summary>
    InvoiceUncollectible,
    /// <summary>Another plan's price, prorated (SubscriptionPlanChange.cs): the detail names both plans and the amounts.</summary>
    PlanChanged,
    /// <summary>A paid invoice was refunded in part or whole through the processor (a credit note): the detail names the
    /// invoice and the amount, the note the merchant's reason.</summary>
    InvoiceCredited,
    /// <summary>Started by the API with no checkout (SubscriptionCreation.cs): in trial, or waiting for its first charge.</summary>
    Created,
    /// <summary>The merchant set or removed the number of paid periods after which the subscription ends.</summary>
    CancelAfterCyclesChanged,
    /// <summary>After the last retry (manual_review): flagged for the merchant's review (SubscriptionReview.cs).</summary>
    ReviewRequested,
    /// <summary>The review flag cleared: by the merchant (mark reviewed), or by the invoice being paid.</summary>
    Reviewed,
    /// <summary>After the last retry (save_flow): the customer was sent the save-flow email.</summary>
    SaveFlowStarted,
}

/// <summary>One row of a subscription's timeline: every transition writes one, in the same save as the change, so the
/// timeline cannot miss a change or record one that did not happen.</summary>
public sealed class SubscriptionEvent : IOrganizationOwned, ICreatedInOrder
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid SubscriptionId { get; private set; }
    public SubscriptionEventType Type { get; private set; }
    public SubscriptionStatus FromStatus { get; private set; }
    public SubscriptionStatus ToStatus { get; private set; }
    /// <summary>What changed besides the status, for people: "quantity 2 → 3".</summary>
    public string? Detail { get; private set; }
    /// <summary>Who asked and why, as the caller gave it (the merchant's reason, "api").</summary>
    public string? Note { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private SubscriptionEvent() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.SubscriptionEvent, Id);

    internal static SubscriptionEvent Of(Subscription subscription, SubscriptionEventType type, SubscriptionStatus from, DateTime now,
        string? note, string? detail = null) => new()
    {
        OrganizationId = subscription.OrganizationId, SubscriptionId = subscription.Id, Type = type, FromStatus = from,
        ToStatus = subscription.Status, Detail = detail, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedAt = now,
    };
}
