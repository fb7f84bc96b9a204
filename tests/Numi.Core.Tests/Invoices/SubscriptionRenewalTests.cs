using Numi.Core.Dunning;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Invoices;

/// <summary>What renewals do to a subscription: the next period counted from the anchor, ending instead of renewing,
/// past due on a failure, and the plan's choice after the last retry, each with its timeline row.</summary>
public sealed class SubscriptionRenewalTests
{
    private static readonly DateTime Start = InvoiceTestData.Start;

    [Fact]
    public void A_subscription_from_the_31st_renews_on_the_28th_then_on_the_31st_again()
    {
        var subscription = InvoiceTestData.Monthly();
        var february = new DateTime(2027, 2, 28, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(february, subscription.CurrentPeriodEnd);

        var (cycle, start, end) = subscription.NextPeriod();
        Assert.Equal((2, february, new DateTime(2027, 3, 31, 12, 0, 0, DateTimeKind.Utc)), (cycle, start, end));

        var renewed = subscription.RenewalPaid(start, end, "INV-000001", february);
        Assert.Equal((SubscriptionEventType.Renewed, "INV-000001 paid"), (renewed.Type, renewed.Detail));
        Assert.Equal((2, start, end), (subscription.CyclesPaid, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(new DateTime(2027, 4, 30, 12, 0, 0, DateTimeKind.Utc), subscription.NextPeriod().End);
    }

    [Fact]
    public void Due_means_active_or_trialing_with_the_period_over()
    {
        var subscription = InvoiceTestData.Monthly();
        Assert.False(subscription.IsDue(subscription.CurrentPeriodEnd.AddTicks(-1)));
        Assert.True(subscription.IsDue(subscription.CurrentPeriodEnd));
        subscription.SetStatusForTests(SubscriptionStatus.PastDue);
        Assert.False(subscription.IsDue(subscription.CurrentPeriodEnd.AddDays(1)));
    }

    [Fact]
    public void Set_to_cancel_at_the_period_end_it_ends_as_of_that_end()
    {
        var subscription = InvoiceTestData.Monthly();
        subscription.Cancel(Start.AddDays(3), atPeriodEnd: true);
        Assert.True(subscription.EndsAtPeriodEnd);
        var end = subscription.CurrentPeriodEnd;

        var ended = subscription.End(end.AddMinutes(4));

        Assert.Equal((SubscriptionStatus.Canceled, end, false), (subscription.Status, subscription.EndedAt!.Value, subscription.CancelAtPeriodEnd));
        Assert.Equal((SubscriptionEventType.Ended, SubscriptionStatus.Active, "canceled at the end of the period"), (ended.Type, ended.FromStatus, ended.Detail));
    }

    [Fact]
    public void With_its_cycles_paid_it_ends_instead_of_renewing()
    {
        Assert.True(InvoiceTestData.Monthly(cancelAfterCycles: 1).EndsAtPeriodEnd);
        Assert.False(InvoiceTestData.Monthly(cancelAfterCycles: 2).EndsAtPeriodEnd);
        Assert.False(InvoiceTestData.Monthly().EndsAtPeriodEnd);
    }

    [Fact]
    public void A_failed_renewal_makes_it_past_due_and_records_the_reason()
    {
        var subscription = InvoiceTestData.Monthly();
        var decision = RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, Start, Start, RetrySettings.Default));

        var failed = subscription.PaymentFailed("INV-000004", decision, Start);

        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Equal((SubscriptionEventType.PaymentFailed, SubscriptionStatus.Active, SubscriptionStatus.PastDue), (failed.Type, failed.FromStatus, failed.ToStatus));
        Assert.StartsWith("INV-000004: ", failed.Detail);
    }

    [Theory]
    [InlineData(AfterLastRetry.Cancel, SubscriptionStatus.Canceled)]
    [InlineData(AfterLastRetry.Pause, SubscriptionStatus.Paused)]
    [InlineData(AfterLastRetry.ManualReview, SubscriptionStatus.Unpaid)]
    [InlineData(AfterLastRetry.SaveFlow, SubscriptionStatus.Unpaid)]
    public void After_the_last_retry_the_plans_choice_decides(AfterLastRetry then, SubscriptionStatus status)
    {
        var subscription = InvoiceTestData.Monthly();
        subscription.SetStatusForTests(SubscriptionStatus.PastDue);

        var exhausted = subscription.RetriesExhausted(then, "INV-000002", Start);

        Assert.Equal(status, subscription.Status);
        Assert.Equal((SubscriptionEventType.RetriesExhausted, SubscriptionStatus.PastDue, status), (exhausted.Type, exhausted.FromStatus, exhausted.ToStatus));
        Assert.Equal(then == AfterLastRetry.Cancel, subscription.EndedAt is not null);
    }

    [Fact]
    public void A_paid_retry_makes_a_past_due_subscription_active_again()
    {
        var subscription = InvoiceTestData.Monthly();
        subscription.SetStatusForTests(SubscriptionStatus.PastDue);
        var (_, start, end) = subscription.NextPeriod();

        subscription.RenewalPaid(start, end, "INV-000003", end);

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Events[^1].FromStatus);
    }
}
