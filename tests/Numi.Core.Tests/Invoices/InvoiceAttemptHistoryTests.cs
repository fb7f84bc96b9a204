using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Invoices;

/// <summary>An invoice's attempts as its subscription's timeline records them: in order, each with its outcome and
/// words, and none of another invoice's or of other changes.</summary>
public sealed class InvoiceAttemptHistoryTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddMonths(1);

    [Fact]
    public void Each_attempt_of_the_invoice_is_listed_in_order_with_its_outcome_and_reason()
    {
        var subscription = InvoiceTestData.Monthly();
        var soft = RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, Now, Now, RetrySettings.Default));
        var hard = RetryScheduler.Next(new RetryRequest("expired_card", 2, Now, Now.AddDays(1), RetrySettings.Default));
        var events = new List<SubscriptionEvent>
        {
            subscription.PaymentFailed("INV-000001", soft, Now.AddMonths(-1)),
            subscription.PaymentFailed("INV-000007", soft, Now),
            subscription.PaymentFailed("INV-000070", soft, Now.AddMinutes(1)),
            subscription.PaymentFailed("INV-000007", hard, Now.AddDays(1)),
            subscription.RenewalPaid(subscription.CurrentPeriodEnd, subscription.CurrentPeriodEnd.AddMonths(1), "INV-000007", Now.AddDays(2)),
        };

        var attempts = InvoiceAttemptHistory.Of("INV-000007", events);

        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal([AttemptOutcome.Declined, AttemptOutcome.NewCardNeeded, AttemptOutcome.Paid], attempts.Select(a => a.Outcome));
        Assert.Equal([Now, Now.AddDays(1), Now.AddDays(2)], attempts.Select(a => a.At));
        Assert.Equal(soft.Reason, attempts[0].Detail);
        Assert.Equal(hard.Reason, attempts[1].Detail);
        Assert.Equal("paid", attempts[2].Detail);
    }

    [Fact]
    public void Retries_used_up_is_the_last_attempt_and_other_changes_are_not_attempts()
    {
        var subscription = InvoiceTestData.Monthly();
        var events = new List<SubscriptionEvent>
        {
            subscription.RetriesExhausted(AfterLastRetry.Pause, "INV-000003", Now),
        };

        var attempt = Assert.Single(InvoiceAttemptHistory.Of("INV-000003", events));

        Assert.Equal(AttemptOutcome.RetriesExhausted, attempt.Outcome);
        Assert.Contains("no retry left, pause", attempt.Detail);
        Assert.Empty(InvoiceAttemptHistory.Of("INV-000004", events));
    }
}
