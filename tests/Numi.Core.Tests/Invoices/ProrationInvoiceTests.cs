using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Core.Tests.Subscriptions;

namespace Numi.Core.Tests.Invoices;

/// <summary>A plan change's invoice: the proration's two lines, its tax and total, and its one charge's outcome.</summary>
public sealed class ProrationInvoiceTests
{
    private static readonly DateTime April = new(2027, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Change = new(2027, 4, 16, 0, 0, 0, DateTimeKind.Utc);

    private static PlanChangeQuote Upgrade(int? quantity = 3)
    {
        var (plan, price) = PlanChangeQuoteTests.PlanOf(2_000);
        return PlanChangeQuote.Of(InvoiceTestData.Monthly(1_000, quantity: 2, at: April), "Basic", plan, price, quantity, Change,
            new InvoiceTax("VAT", 200_000, false)).Value;
    }

    [Fact]
    public void Its_lines_are_the_credit_for_the_old_quantity_and_the_charge_for_the_new()
    {
        var invoice = Invoice.Proration(12, Upgrade(), Change);

        Assert.Equal((InvoiceKind.Proration, InvoiceStatus.Draft, 12, Change, new DateTime(2027, 5, 1, 0, 0, 0, DateTimeKind.Utc)),
            (invoice.Kind, invoice.Status, invoice.Number, invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal([(2, -1_000L), (3, 3_000L)], invoice.Lines.Select(l => (l.Quantity, l.Amount)));
        Assert.Equal(("Unused time on Basic after 16 Apr 2027", "Remaining time on Pro after 16 Apr 2027"),
            (invoice.Lines[0].Description, invoice.Lines[1].Description));
        Assert.Equal((2_000L, 400L, 2_400L, "VAT", 200_000), (invoice.AmountSubtotal, invoice.AmountTax, invoice.AmountTotal, invoice.TaxName, invoice.TaxRatePpm));
    }

    [Fact]
    public void A_change_that_costs_nothing_is_not_invoiced()
    {
        var (plan, price) = PlanChangeQuoteTests.PlanOf(500);
        var downgrade = PlanChangeQuote.Of(InvoiceTestData.Monthly(1_000, quantity: 1, at: April), "Basic", plan, price, null, Change, null).Value;

        Assert.Throws<ArgumentException>(() => Invoice.Proration(1, downgrade, Change));
    }

    [Fact]
    public void Paid_it_is_paid_in_full_by_its_first_attempt()
    {
        var invoice = Invoice.Proration(12, Upgrade(), Change);

        invoice.ProrationPaid("pi_9", Change);

        Assert.Equal((InvoiceStatus.Paid, 2_400L, 1, "pi_9", (DateTime?)null), (invoice.Status, invoice.AmountPaid, invoice.AttemptCount, invoice.PaymentIntentId, invoice.NextAttemptAt));
    }

    [Fact]
    public void Declined_it_is_void_with_the_decline_and_no_retry()
    {
        var invoice = Invoice.Proration(12, Upgrade(), Change);

        invoice.ProrationDeclined("insufficient_funds", "Your card has insufficient funds.", Change);

        Assert.Equal((InvoiceStatus.Void, 0L, 1, "insufficient_funds", "Your card has insufficient funds.", (DateTime?)null),
            (invoice.Status, invoice.AmountPaid, invoice.AttemptCount, invoice.LastDeclineCode, invoice.RetryReason, invoice.NextAttemptAt));
    }
}
