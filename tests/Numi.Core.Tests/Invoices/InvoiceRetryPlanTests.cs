using Numi.Core.Dunning;
using Numi.Core.Invoices;

namespace Numi.Core.Tests.Invoices;

/// <summary>What an invoice still plans to attempt: the held next attempt with its reason, then the scheduler's later
/// retries within the plan's limits; or no attempt and why.</summary>
public sealed class InvoiceRetryPlanTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddMonths(1);
    private static readonly RetrySettings Chicago = RetrySettings.Default with { TimeZone = "America/Chicago" };

    private static Invoice FailedWith(string declineCode, RetrySettings settings)
    {
        var invoice = InvoiceTestData.Open();
        invoice.AttemptFailed(1, declineCode, RetryScheduler.Next(new RetryRequest(declineCode, 1, Now, Now, settings)), Now);
        return invoice;
    }

    [Fact]
    public void A_soft_decline_plans_the_held_attempt_first_then_the_schedulers_retries_up_to_the_plans_limit()
    {
        var invoice = FailedWith("insufficient_funds", Chicago);

        var plan = InvoiceRetryPlan.Of(invoice, Chicago, PaymentPattern.None(Chicago.TimeZone));

        Assert.Null(plan.NotRetrying);
        Assert.Equal(Enumerable.Range(2, Chicago.MaxRetries), plan.Attempts.Select(a => a.Attempt));
        Assert.Equal((invoice.NextAttemptAt!.Value, invoice.RetryReason), (plan.Attempts[0].AtUtc, plan.Attempts[0].Reason));
        Assert.All(plan.Attempts, a => Assert.Equal("America/Chicago", a.TimeZone));
        Assert.All(plan.Attempts, a => Assert.Contains("insufficient funds is a soft decline", a.Reason));
        Assert.Equal(plan.Attempts.Select(a => a.AtUtc).Order(), plan.Attempts.Select(a => a.AtUtc));
        Assert.All(plan.Attempts, a => Assert.InRange(a.AtUtc, Now, Now.AddDays(Chicago.MaxDays)));
    }

    [Fact]
    public void A_fixed_schedule_lists_the_merchants_days_after_the_held_attempt()
    {
        var settings = RetrySettings.Default with { Strategy = RetryStrategy.Fixed, FixedDays = [1, 3, 5] };
        var invoice = FailedWith("generic_decline", settings);

        var plan = InvoiceRetryPlan.Of(invoice, settings, PaymentPattern.None(settings.TimeZone));

        Assert.Equal([2, 3, 4], plan.Attempts.Select(a => a.Attempt));
        Assert.Contains("day 5 of the fixed schedule", plan.Attempts[2].Reason);
    }

    [Fact]
    public void A_hard_decline_plans_nothing_and_says_a_new_card_is_needed()
    {
        var invoice = FailedWith("expired_card", Chicago);

        var plan = InvoiceRetryPlan.Of(invoice, Chicago, PaymentPattern.None(Chicago.TimeZone));

        Assert.Empty(plan.Attempts);
        Assert.Equal(invoice.RetryReason, plan.NotRetrying);
        Assert.Contains("new card", plan.NotRetrying);
    }

    [Fact]
    public void A_paid_or_void_invoice_plans_nothing_and_says_why()
    {
        var paid = InvoiceTestData.Open();
        paid.AttemptSucceeded(1, "pi_1", Now);
        var voided = FailedWith("insufficient_funds", Chicago);
        Assert.True(voided.Void(Now).Succeeded);

        var ofPaid = InvoiceRetryPlan.Of(paid, Chicago, PaymentPattern.None(Chicago.TimeZone));
        var ofVoid = InvoiceRetryPlan.Of(voided, Chicago, PaymentPattern.None(Chicago.TimeZone));

        Assert.Equal((0, "The invoice is paid: nothing more is attempted."), (ofPaid.Attempts.Count, ofPaid.NotRetrying));
        Assert.Equal((0, "The invoice is void: nothing more is attempted."), (ofVoid.Attempts.Count, ofVoid.NotRetrying));
    }

    [Fact]
    public void An_invoice_not_yet_attempted_plans_its_first_attempt()
    {
        var invoice = InvoiceTestData.Open();

        var attempt = Assert.Single(InvoiceRetryPlan.Of(invoice, Chicago, PaymentPattern.None(Chicago.TimeZone)).Attempts);

        Assert.Equal((1, invoice.NextAttemptAt!.Value, "the renewal's first attempt"), (attempt.Attempt, attempt.AtUtc, attempt.Reason));
    }
}
