using Numi.Core.Common;
using Numi.Core.Dunning;

namespace Numi.Core.Subscriptions;

/// <summary>What <c>manual_review</c> and <c>save_flow</c> do after the last retry, besides making the subscription
/// unpaid: the first flags it for the merchant's review until the merchant marks it reviewed or the invoice is paid; the
/// second starts the save flow (one message to the customer, see <see cref="SaveFlowEmail"/>) that ends when the invoice
/// is paid. Each is a row of the timeline.</summary>
public sealed partial class Subscription
{
    public const int MaxReviewReasonLength = 200;

    /// <summary>When the last retry (or the unpaid-invoice expiry) asked the merchant to review it; null when no review
    /// is waiting.</summary>
    public DateTime? ReviewRequestedAt { get; private set; }
    /// <summary>Why the review was asked for: "INV-000123: no retry left".</summary>
    public string? ReviewReason { get; private set; }
    /// <summary>When the save flow started after the last retry; null before, and again once the invoice is paid.</summary>
    public DateTime? SaveFlowStartedAt { get; private set; }

    public bool NeedsReview => ReviewRequestedAt is not null;

    /// <summary>The merchant has looked at a subscription flagged for review: the flag is cleared (the status stays).</summary>
    public Result<SubscriptionEvent> MarkReviewed(DateTime now, string? note = null)
    {
        if (ReviewRequestedAt is null) return Error.Conflict("The subscription is not flagged for review, so there is nothing to mark reviewed.");
        var detail = $"review asked for: {ReviewReason}";
        ClearReview();
        return Record(SubscriptionEventType.Reviewed, Status, now, note, Clip(detail));
    }

    /// <summary>The plan's <paramref name="then"/> beyond the status: a review flag or the save flow, each recorded.
    /// The save flow starts only while <paramref name="invoiceOpen"/>: it offers to pay that invoice.</summary>
    private void FollowUp(AfterLastRetry then, string reason, bool invoiceOpen, DateTime now)
    {
        if (then == AfterLastRetry.ManualReview && ReviewRequestedAt is null)
        {
            ReviewRequestedAt = now;
            ReviewReason = Clip(reason);
            Record(SubscriptionEventType.ReviewRequested, Status, Following(now), null, ReviewReason);
        }
        else if (then == AfterLastRetry.SaveFlow && invoiceOpen && SaveFlowStartedAt is null)
        {
            SaveFlowStartedAt = now;
            Record(SubscriptionEventType.SaveFlowStarted, Status, Following(now), null, Clip($"{reason}; the customer is asked to update the card or pay"));
        }
    }

    /// <summary>The invoice <paramref name="invoiceNumber"/> is paid: a waiting review is cleared (timeline <c>reviewed</c>)
    /// and a save flow ends.</summary>
    private void PaidAfterLastRetry(string invoiceNumber, DateTime now)
    {
        SaveFlowStartedAt = null;
        if (ReviewRequestedAt is null) return;
        ClearReview();
        Record(SubscriptionEventType.Reviewed, Status, Following(now), null, $"{invoiceNumber} paid: no review needed any more");
    }

    /// <summary>When a row that follows from another of the same instant is recorded: a microsecond later (the finest time
    /// PostgreSQL keeps), so the timeline, newest first by time then id, shows it after its cause (two version-7 ids of one
    /// millisecond are in no particular order).</summary>
    private static DateTime Following(DateTime at) => at.AddTicks(TimeSpan.TicksPerMicrosecond);

    /// <summary>Which follow-up the last retry started at <paramref name="now"/> (a review asked for, or the save flow), so
    /// its email goes out with it; null when it started none (cancel, pause, or one already waiting).</summary>
    public SubscriptionEventType? FollowUpStarted(DateTime now) =>
        ReviewRequestedAt == now ? SubscriptionEventType.ReviewRequested
        : SaveFlowStartedAt == now ? SubscriptionEventType.SaveFlowStarted
        : null;

    private void ClearReview()
    {
        ReviewRequestedAt = null;
        ReviewReason = null;
    }
}

/// <summary>The needs-review filter of the merchant's grid and the API.</summary>
public static class SubscriptionReviewQueries
{
    public static IQueryable<Subscription> NeedingReview(this IQueryable<Subscription> subscriptions, bool needsReview = true) =>
        needsReview ? subscriptions.Where(s => s.ReviewRequestedAt != null) : subscriptions.Where(s => s.ReviewRequestedAt == null);
}
