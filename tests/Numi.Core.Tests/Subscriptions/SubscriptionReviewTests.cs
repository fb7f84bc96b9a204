using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;
using Numi.Core.Tests.Invoices;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>manual_review and save_flow after the last retry: the review flag and the save flow, each in the timeline,
/// cleared by the merchant (the review) or by paying the invoice (both).</summary>
public sealed class SubscriptionReviewTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddDays(40);

    private static Subscription Exhausted(AfterLastRetry then)
    {
        var subscription = InvoiceTestData.Monthly();
        subscription.SetStatusForTests(SubscriptionStatus.PastDue);
        subscription.RetriesExhausted(then, "INV-000002", Now);
        return subscription;
    }

    [Fact]
    public void Manual_review_flags_the_subscription_and_records_it_after_the_exhaustion()
    {
        var subscription = Exhausted(AfterLastRetry.ManualReview);

        Assert.True(subscription.NeedsReview);
        Assert.Equal((Now, "INV-000002: no retry left"), (subscription.ReviewRequestedAt, subscription.ReviewReason));
        Assert.Null(subscription.SaveFlowStartedAt);
        Assert.Equal([SubscriptionEventType.RetriesExhausted, SubscriptionEventType.ReviewRequested], subscription.Events.Select(e => e.Type));
        Assert.Equal((SubscriptionStatus.Unpaid, SubscriptionStatus.Unpaid), (subscription.Events[1].FromStatus, subscription.Events[1].ToStatus));
        Assert.True(subscription.Events[1].CreatedAt > subscription.Events[0].CreatedAt, "the review shows after the exhaustion, newest first");
        Assert.Equal(SubscriptionEventType.ReviewRequested, subscription.FollowUpStarted(Now));
        Assert.Null(subscription.FollowUpStarted(Now.AddSeconds(1)));
    }

    [Fact]
    public void Save_flow_starts_the_save_flow_and_flags_no_review()
    {
        var subscription = Exhausted(AfterLastRetry.SaveFlow);

        Assert.False(subscription.NeedsReview);
        Assert.Equal(Now, subscription.SaveFlowStartedAt);
        var started = subscription.Events[^1];
        Assert.Equal(SubscriptionEventType.SaveFlowStarted, started.Type);
        Assert.StartsWith("INV-000002: no retry left", started.Detail);
        Assert.Equal(SubscriptionEventType.SaveFlowStarted, subscription.FollowUpStarted(Now));
    }

    [Theory]
    [InlineData(AfterLastRetry.Cancel)]
    [InlineData(AfterLastRetry.Pause)]
    public void Cancel_and_pause_start_no_follow_up(AfterLastRetry then)
    {
        var subscription = Exhausted(then);

        Assert.False(subscription.NeedsReview);
        Assert.Null(subscription.SaveFlowStartedAt);
        Assert.Null(subscription.FollowUpStarted(Now));
        Assert.Equal([SubscriptionEventType.RetriesExhausted], subscription.Events.Select(e => e.Type));
    }

    [Fact]
    public void Marking_reviewed_clears_the_flag_keeps_the_status_and_records_the_note()
    {
        var subscription = Exhausted(AfterLastRetry.ManualReview);

        var reviewed = subscription.MarkReviewed(Now.AddHours(1), "called the customer");

        Assert.True(reviewed.Succeeded);
        Assert.False(subscription.NeedsReview);
        Assert.Null(subscription.ReviewReason);
        Assert.Equal(SubscriptionStatus.Unpaid, subscription.Status);
        Assert.Equal((SubscriptionEventType.Reviewed, "called the customer", "review asked for: INV-000002: no retry left"),
            (reviewed.Value.Type, reviewed.Value.Note, reviewed.Value.Detail));
    }

    [Fact]
    public void Marking_reviewed_without_a_flag_is_a_conflict_that_changes_nothing()
    {
        var subscription = Exhausted(AfterLastRetry.SaveFlow);
        var events = subscription.Events.Count;

        var refused = subscription.MarkReviewed(Now, "by mistake");

        Assert.False(refused.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, refused.FirstError.Code);
        Assert.Equal(events, subscription.Events.Count);
    }

    [Theory]
    [InlineData(AfterLastRetry.ManualReview)]
    [InlineData(AfterLastRetry.SaveFlow)]
    public void Paying_the_invoice_clears_the_review_and_ends_the_save_flow(AfterLastRetry then)
    {
        var subscription = Exhausted(then);
        var (_, start, end) = subscription.NextPeriod();

        subscription.RenewalPaid(start, end, "INV-000002", Now.AddDays(2));

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.False(subscription.NeedsReview);
        Assert.Null(subscription.SaveFlowStartedAt);
        var cleared = subscription.Events.Where(e => e.Type == SubscriptionEventType.Reviewed).ToList();
        Assert.Equal(then == AfterLastRetry.ManualReview ? 1 : 0, cleared.Count);
        if (cleared.Count == 1) Assert.Equal("INV-000002 paid: no review needed any more", cleared[0].Detail);
    }

    [Fact]
    public void An_invoice_given_up_on_flags_a_past_due_subscription_but_starts_no_save_flow()
    {
        var review = InvoiceTestData.Monthly();
        review.SetStatusForTests(SubscriptionStatus.PastDue);
        review.InvoiceUncollectible(AfterLastRetry.ManualReview, "INV-000003", 14, Now);
        var save = InvoiceTestData.Monthly();
        save.SetStatusForTests(SubscriptionStatus.PastDue);
        save.InvoiceUncollectible(AfterLastRetry.SaveFlow, "INV-000004", 14, Now);

        Assert.Equal("INV-000003: uncollectible after 14 days unpaid", review.ReviewReason);
        Assert.Equal(SubscriptionEventType.ReviewRequested, review.Events[^1].Type);
        Assert.Null(save.SaveFlowStartedAt);
        Assert.Equal(SubscriptionStatus.Unpaid, save.Status);
    }

    [Fact]
    public void A_second_exhaustion_keeps_the_first_request()
    {
        var subscription = Exhausted(AfterLastRetry.ManualReview);
        subscription.RetriesExhausted(AfterLastRetry.ManualReview, "INV-000003", Now.AddDays(14));

        Assert.Equal((Now, "INV-000002: no retry left"), (subscription.ReviewRequestedAt, subscription.ReviewReason));
        Assert.Null(subscription.FollowUpStarted(Now.AddDays(14)));
        Assert.Single(subscription.Events, e => e.Type == SubscriptionEventType.ReviewRequested);
    }
}
