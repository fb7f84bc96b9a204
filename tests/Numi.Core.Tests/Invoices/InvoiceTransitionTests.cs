using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Invoices;

namespace Numi.Core.Tests.Invoices;

/// <summary>Stripe's invoice states: draft → open → paid | void | uncollectible; paid and void are final; every refused
/// transition is a conflict that changes nothing.</summary>
public sealed class InvoiceTransitionTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddMonths(1);

    private static Invoice InStatus(InvoiceStatus status)
    {
        var subscription = InvoiceTestData.Monthly();
        var (cycle, start, end) = subscription.NextPeriod();
        var invoice = Invoice.Draft(1, subscription, cycle, start, end, null, null, start);
        if (status == InvoiceStatus.Draft) return invoice;
        invoice.Open(start);
        switch (status)
        {
            case InvoiceStatus.Paid: Assert.True(invoice.MarkPaid("pi_paid", Now).Succeeded); break;
            case InvoiceStatus.Void: Assert.True(invoice.Void(Now).Succeeded); break;
            case InvoiceStatus.Uncollectible: Assert.True(invoice.MarkUncollectible(Now).Succeeded); break;
        }
        Assert.Equal(status, invoice.Status);
        return invoice;
    }

    private static void AssertRefused<T>(Result<T> result, Invoice invoice, InvoiceStatus status)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
        Assert.Equal(status, invoice.Status);
    }

    [Fact]
    public void A_new_invoice_is_a_draft_with_its_number_period_and_one_line()
    {
        var invoice = InStatus(InvoiceStatus.Draft);

        Assert.Equal("INV-000001", invoice.DisplayNumber);
        Assert.Equal((2, new DateTime(2027, 2, 28, 12, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 31, 12, 0, 0, DateTimeKind.Utc)),
            (invoice.Cycle, invoice.PeriodStart, invoice.PeriodEnd));
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(("Coffee club", 2, 1_000L, 2_000L), (line.Description, line.Quantity, line.UnitAmount, line.Amount));
        Assert.Equal((2_000L, 2_000L, (DateTime?)null), (invoice.AmountSubtotal, invoice.AmountTotal, invoice.NextAttemptAt));
        Assert.StartsWith("in_", invoice.PublicId);
    }

    [Fact]
    public void Opening_makes_the_first_attempt_due_at_once()
    {
        var invoice = InStatus(InvoiceStatus.Open);
        Assert.Equal(invoice.PeriodStart, invoice.NextAttemptAt);
        Assert.Equal(1, invoice.NextAttempt);
        Assert.Equal($"{invoice.PublicId}:attempt:1", invoice.AttemptKey(1));
    }

    [Theory]
    [InlineData(InvoiceStatus.Open)]
    [InlineData(InvoiceStatus.Uncollectible)]
    public void An_open_or_uncollectible_invoice_can_be_paid(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        var paid = invoice.MarkPaid("pi_9", Now);
        Assert.True(paid.Succeeded);
        Assert.Equal((InvoiceStatus.Paid, "pi_9", 2_000L, Now, (DateTime?)null), (invoice.Status, invoice.PaymentIntentId, invoice.AmountPaid, invoice.PaidAt!.Value, invoice.NextAttemptAt));
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft)]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void)]
    public void Paying_is_refused_from_draft_paid_and_void(InvoiceStatus status) =>
        AssertRefused(InStatus(status).MarkPaid("pi_x", Now), InStatus(status), status);

    [Fact]
    public void A_refused_payment_changes_nothing_on_the_invoice()
    {
        var invoice = InStatus(InvoiceStatus.Void);
        AssertRefused(invoice.MarkPaid("pi_x", Now), invoice, InvoiceStatus.Void);
        Assert.Equal((0L, (string?)null, (DateTime?)null), (invoice.AmountPaid, invoice.PaymentIntentId, invoice.PaidAt));
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft)]
    [InlineData(InvoiceStatus.Open)]
    public void Only_a_draft_or_open_invoice_can_be_voided(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        Assert.True(invoice.Void(Now).Succeeded);
        Assert.Equal((InvoiceStatus.Void, Now, (DateTime?)null), (invoice.Status, invoice.VoidedAt!.Value, invoice.NextAttemptAt));
    }

    [Theory]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void)]
    [InlineData(InvoiceStatus.Uncollectible)]
    public void Voiding_is_refused_once_paid_void_or_uncollectible(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        AssertRefused(invoice.Void(Now), invoice, status);
        Assert.Equal(status == InvoiceStatus.Void ? Now : null, invoice.VoidedAt);
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft)]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void)]
    [InlineData(InvoiceStatus.Uncollectible)]
    public void Only_an_open_invoice_becomes_uncollectible(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        AssertRefused(invoice.MarkUncollectible(Now), invoice, status);
    }

    [Fact]
    public void Finalizing_twice_is_refused()
    {
        var invoice = InStatus(InvoiceStatus.Open);
        AssertRefused(invoice.Finalize(Now), invoice, InvoiceStatus.Open);
    }

    [Fact]
    public void A_failed_attempt_keeps_the_invoice_open_with_the_next_attempt_and_its_reason()
    {
        var invoice = InStatus(InvoiceStatus.Open);
        var decision = RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, Now, Now, RetrySettings.Default));

        invoice.AttemptFailed(1, "insufficient_funds", decision, Now);

        Assert.Equal((InvoiceStatus.Open, 1, Now, "insufficient_funds"), (invoice.Status, invoice.AttemptCount, invoice.FirstFailedAt!.Value, invoice.LastDeclineCode));
        Assert.Equal(decision.AtUtc, invoice.NextAttemptAt);
        Assert.True(invoice.NextAttemptAt > Now);
        Assert.Contains("insufficient funds is a soft decline", invoice.RetryReason);
        Assert.False(invoice.NewCardNeeded);
        Assert.Throws<InvalidOperationException>(() => invoice.AttemptFailed(1, "insufficient_funds", decision, Now));
    }

    [Fact]
    public void A_hard_decline_plans_no_attempt_and_asks_for_a_new_card()
    {
        var invoice = InStatus(InvoiceStatus.Open);
        var decision = RetryScheduler.Next(new RetryRequest("expired_card", 1, Now, Now, RetrySettings.Default));

        invoice.AttemptFailed(1, "expired_card", decision, Now);

        Assert.Null(invoice.NextAttemptAt);
        Assert.True(invoice.NewCardNeeded);
        Assert.Contains("new card", invoice.RetryReason);
    }

    [Fact]
    public void An_open_invoice_can_be_paid_now_before_its_retry_and_after_a_hard_decline()
    {
        var retrying = InStatus(InvoiceStatus.Open);
        retrying.AttemptFailed(1, "insufficient_funds", RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, Now, Now, RetrySettings.Default)), Now);
        var newCard = InStatus(InvoiceStatus.Open);
        newCard.AttemptFailed(1, "expired_card", RetryScheduler.Next(new RetryRequest("expired_card", 1, Now, Now, RetrySettings.Default)), Now);

        Assert.True(retrying.NextAttemptAt > Now);
        Assert.Null(retrying.PayNowRefusal(Now));
        Assert.Null(newCard.PayNowRefusal(Now));
    }

    [Theory]
    [InlineData(InvoiceStatus.Paid, "INV-000001 is already paid.")]
    [InlineData(InvoiceStatus.Void, "INV-000001 is void: nothing is owed on it.")]
    [InlineData(InvoiceStatus.Uncollectible, "INV-000001 was marked uncollectible after its retries: it is no longer collected.")]
    [InlineData(InvoiceStatus.Draft, "INV-000001 is a draft: it is not due yet.")]
    public void Paying_now_is_refused_with_the_reason_unless_the_invoice_is_open(InvoiceStatus status, string reason)
    {
        var refusal = InStatus(status).PayNowRefusal(Now);

        Assert.Equal((ErrorCodes.StateConflict, reason), (refusal?.Code, refusal?.Message));
    }
}
