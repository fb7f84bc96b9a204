using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>The invoice of a plan change that costs something: its lines are the proration's (the old plan's unused time
/// as a credit, the new plan's remaining time as a charge), over the change's second to the period's end. It is a draft
/// until its one charge answers: paid, or void with the decline (numbers never skip, so a declined change keeps its
/// number, void). It never enters the retry schedule: a declined change simply did not happen.</summary>
public sealed partial class Invoice
{
    public static Invoice Proration(int number, PlanChangeQuote quote, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, FirstNumber);
        if (quote.Total <= 0) throw new ArgumentException("Only a change that costs something is invoiced; a credit goes to the balance.", nameof(quote));
        var subscription = quote.Subscription;
        var invoice = new Invoice
        {
            OrganizationId = subscription.OrganizationId, Number = number, Kind = InvoiceKind.Proration, CustomerId = subscription.CustomerId,
            SubscriptionId = subscription.Id, Cycle = subscription.CyclesPaid, PeriodStart = quote.ProrationDate, PeriodEnd = subscription.CurrentPeriodEnd,
            Currency = quote.Currency, AmountSubtotal = quote.Subtotal, TaxName = quote.Tax?.Name, TaxRatePpm = quote.Tax?.RatePpm,
            TaxInclusive = quote.Tax?.Inclusive ?? false, AmountTax = quote.AmountTax, AmountTotal = quote.Total, Status = InvoiceStatus.Draft, CreatedAt = now,
        };
        // The credit is for the quantity the subscription had, the charge for the one it gets.
        var (credit, charge) = (quote.Proration.Lines[0], quote.Proration.Lines[1]);
        invoice.Lines.Add(InvoiceLine.Create(credit.Description, subscription.Quantity, credit.Amount));
        invoice.Lines.Add(InvoiceLine.Create(charge.Description, quote.Quantity, charge.Amount));
        foreach (var line in invoice.Lines) line.OrganizationId = subscription.OrganizationId;
        return invoice;
    }

    /// <summary>The change's one charge was paid.</summary>
    public void ProrationPaid(string? paymentIntentId, DateTime now)
    {
        Open(now);
        AttemptSucceeded(NextAttempt, paymentIntentId, now);
    }

    /// <summary>The change's one charge was refused: the invoice is void, with the decline and the processor's words.</summary>
    public void ProrationDeclined(string? declineCode, string reason, DateTime now)
    {
        Attempted(NextAttempt, now);
        LastDeclineCode = declineCode;
        RetryReason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        var voided = Void(now);
        if (!voided.Succeeded) throw new InvalidOperationException(voided.FirstError.Message);
    }
}
