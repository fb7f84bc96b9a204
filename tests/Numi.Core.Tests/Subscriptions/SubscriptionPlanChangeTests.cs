using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Core.Tests.Invoices;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>The subscription's side of a plan change: the new price and amount, the timeline row, the credit a downgrade
/// leaves and the renewals that take it.</summary>
public sealed class SubscriptionPlanChangeTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddDays(10);

    [Fact]
    public void A_change_moves_the_subscription_to_the_new_price_and_records_it()
    {
        var subscription = InvoiceTestData.Monthly(1_000, quantity: 2);
        var (_, price) = PlanChangeQuoteTests.PlanOf(2_000);

        var change = subscription.ChangePlan(price, "Pro", 3, 6_000, 250, Now, "by the customer", "Basic → Pro: $2.50 credited").Value;

        Assert.Equal((price.Id, price.ProductId, "Pro", 3, 6_000L, 250L),
            (subscription.PriceId, subscription.ProductId, subscription.Description, subscription.Quantity, subscription.Amount, subscription.CreditBalance));
        Assert.Equal((SubscriptionEventType.PlanChanged, SubscriptionStatus.Active, SubscriptionStatus.Active, "Basic → Pro: $2.50 credited", "by the customer"),
            (change.Type, change.FromStatus, change.ToStatus, change.Detail, change.Note));
        Assert.Same(change, Assert.Single(subscription.Events));
    }

    [Fact]
    public void A_canceled_subscription_keeps_its_price()
    {
        var subscription = InvoiceTestData.Monthly();
        var before = (subscription.PriceId, subscription.Amount);
        subscription.SetStatusForTests(SubscriptionStatus.Canceled);

        var refused = subscription.ChangePlan(PlanChangeQuoteTests.PlanOf(2_000).Price, "Pro", 2, 4_000, 0, Now, null, "Basic → Pro");

        Assert.Equal(ErrorCodes.StateConflict, refused.FirstError.Code);
        Assert.Equal(before, (subscription.PriceId, subscription.Amount));
        Assert.Empty(subscription.Events);
    }

    [Theory]
    [InlineData(300, 300, 1_700)]    // part of the renewal
    [InlineData(5_000, 2_000, 0)]    // the whole renewal; the rest waits for the next one
    public void The_next_renewal_invoice_takes_the_credit_first(long credit, long applied, long due)
    {
        var subscription = InvoiceTestData.Monthly(1_000, quantity: 2);
        subscription.ChangePlan(PlanChangeQuoteTests.PlanOf(1_000).Price, "Pro", 2, 2_000, credit, Now, null, "Basic → Pro");

        var invoice = InvoiceTestData.Open(subscription);
        subscription.UseCredit(invoice.AmountCreditApplied);

        Assert.Equal((2_000L, applied, due), (invoice.AmountTotal, invoice.AmountCreditApplied, invoice.AmountDue));
        Assert.Equal(credit - applied, subscription.CreditBalance);
        Assert.Equal(due, invoice.MarkPaid(due == 0 ? null : "pi_2", Now).Value.AmountPaid);
    }

    [Fact]
    public void More_credit_than_the_balance_cannot_be_used()
    {
        var subscription = InvoiceTestData.Monthly();

        Assert.Throws<ArgumentOutOfRangeException>(() => subscription.UseCredit(1));
    }
}
