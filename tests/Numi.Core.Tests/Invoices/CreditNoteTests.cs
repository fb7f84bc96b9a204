using Numi.Core.Common;
using Numi.Core.Invoices;

namespace Numi.Core.Tests.Invoices;

/// <summary>Credit notes give back part or all of what a paid invoice took, never more.</summary>
public sealed class CreditNoteTests
{
    private static readonly DateTime Now = InvoiceTestData.Start.AddMonths(1).AddDays(2);

    private static Invoice Paid()
    {
        var invoice = InvoiceTestData.Open();
        Assert.True(invoice.MarkPaid("pi_1", Now).Succeeded);
        return invoice;
    }

    [Fact]
    public void Credits_add_up_to_what_was_paid_and_no_further()
    {
        var invoice = Paid();

        var first = invoice.Credit(1_500, " damaged ", Now).Value;
        var second = invoice.Credit(500, null, Now).Value;
        var third = invoice.Credit(1, null, Now);

        Assert.Equal((1_500L, "damaged", "usd"), (first.Amount, first.Reason, first.Currency));
        Assert.StartsWith("cn_", second.PublicId);
        Assert.Equal(2, invoice.CreditNotes.Count);
        Assert.Equal((2_000L, 0L), (invoice.AmountCredited, invoice.Creditable));
        Assert.Equal((ErrorCodes.ParameterInvalid, "amount"), (third.FirstError.Code, third.FirstError.Param));
    }

    [Fact]
    public void More_than_is_left_is_refused_with_what_is_left()
    {
        var invoice = Paid();
        Assert.True(invoice.Credit(1_200, null, Now).Succeeded);

        var refused = invoice.Credit(900, null, Now);

        Assert.Equal(ErrorCodes.ParameterInvalid, refused.FirstError.Code);
        Assert.Contains("$8.00", refused.FirstError.Message);
        Assert.Equal((1_200L, 1), (invoice.AmountCredited, invoice.CreditNotes.Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Nothing_or_less_is_refused(long amount)
    {
        var invoice = Paid();
        Assert.Equal(ErrorCodes.ParameterInvalid, invoice.Credit(amount, null, Now).FirstError.Code);
        Assert.Empty(invoice.CreditNotes);
    }

    [Fact]
    public void An_unpaid_invoice_cannot_be_credited()
    {
        var invoice = InvoiceTestData.Open();
        Assert.Equal(ErrorCodes.StateConflict, invoice.Credit(100, null, Now).FirstError.Code);
        Assert.Equal(0, invoice.AmountCredited);
    }
}
