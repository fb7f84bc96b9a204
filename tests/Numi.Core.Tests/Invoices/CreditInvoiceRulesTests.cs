using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Invoices;

/// <summary>The rules a refund of an invoice is checked against before the processor is asked for any money: the
/// command's own (amount above zero, reason length and text) and the invoice's (paid, no more than is left), and the
/// timeline row a recorded refund writes.</summary>
public sealed class CreditInvoiceRulesTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddMonths(1).AddDays(2);
    private static readonly CreditInvoiceValidator Validator = new();

    private static Invoice Paid()
    {
        var invoice = InvoiceTestData.Open();
        Assert.True(invoice.MarkPaid("pi_1", Now).Succeeded);
        return invoice;
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-100L)]
    public void An_amount_of_zero_or_less_is_refused_by_the_command(long amount)
    {
        var error = Assert.Single(Validator.Check(new CreditInvoice(Guid.NewGuid(), amount)));
        Assert.Equal((ErrorCodes.ParameterInvalid, "amount", "A refund must be for more than zero."), (error.Code, error.Param, error.Message));
    }

    [Fact]
    public void No_amount_means_everything_left_and_is_allowed()
    {
        Assert.Empty(Validator.Check(new CreditInvoice(Guid.NewGuid(), null, "Duplicate charge")));
    }

    [Fact]
    public void A_reason_longer_than_500_characters_or_with_line_breaks_is_refused()
    {
        Assert.Empty(Validator.Check(new CreditInvoice(Guid.NewGuid(), 100, new string('a', 500))));
        var tooLong = Assert.Single(Validator.Check(new CreditInvoice(Guid.NewGuid(), 100, new string('a', 501))));
        Assert.Equal(("reason", "A reason has at most 500 characters."), (tooLong.Param, tooLong.Message));
        Assert.Equal("reason", Assert.Single(Validator.Check(new CreditInvoice(Guid.NewGuid(), 100, "one\ntwo"))).Param);
    }

    [Fact]
    public void CanCredit_checks_without_recording_anything()
    {
        var invoice = Paid();

        Assert.Equal(1_500L, invoice.CanCredit(1_500).Value);
        Assert.Equal((0L, 0), (invoice.AmountCredited, invoice.CreditNotes.Count));
        var over = invoice.CanCredit(invoice.Creditable + 1);
        Assert.Equal((ErrorCodes.ParameterInvalid, "amount"), (over.FirstError.Code, over.FirstError.Param));
        Assert.Contains("$20.00", over.FirstError.Message);
    }

    [Fact]
    public void Only_a_paid_invoice_may_be_credited_and_nothing_once_all_is_credited()
    {
        Assert.Equal(ErrorCodes.StateConflict, InvoiceTestData.Open().CanCredit(100).FirstError.Code);
        var invoice = Paid();
        Assert.True(invoice.Credit(invoice.Creditable, null, Now).Succeeded);

        var refused = invoice.CanCredit(1);

        Assert.Equal("Everything paid on this invoice has already been credited.", refused.FirstError.Message);
    }

    [Fact]
    public void A_refund_writes_a_timeline_row_naming_the_invoice_and_amount_and_keeps_the_status()
    {
        var subscription = InvoiceTestData.Monthly();
        var before = subscription.Status;

        var row = subscription.InvoiceCredited("INV-000007", 1_500, "usd", "Damaged in transit", Now);

        Assert.Equal((SubscriptionEventType.InvoiceCredited, before, before, "INV-000007: $15.00 refunded", "Damaged in transit"),
            (row.Type, row.FromStatus, row.ToStatus, row.Detail, row.Note));
        Assert.Equal(before, subscription.Status);
        Assert.Contains(row, subscription.Events);
    }
}
