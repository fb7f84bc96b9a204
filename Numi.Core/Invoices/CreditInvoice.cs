using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Invoices;

/// <summary>Gives back all (no amount: everything left creditable) or part of a paid invoice's payment, from the invoice
/// page or the API, as a credit note.</summary>
public sealed record CreditInvoice(Guid InvoiceId, long? Amount, string? Reason = null);

public sealed class CreditInvoiceValidator : AbstractValidator<CreditInvoice>
{
    public CreditInvoiceValidator()
    {
        RuleFor(c => c.Amount).GreaterThan(0).WithMessage("A refund must be for more than zero.");
        RuleFor(c => c.Reason).MaximumLength(CreditNote.MaxReasonLength)
            .WithMessage($"A reason has at most {CreditNote.MaxReasonLength} characters.").SingleLineText();
    }
}

/// <summary>Refunds a paid invoice through the processor that took its payment, then records the credit note and a
/// line in the subscription's timeline in one save. Nothing is recorded unless the processor gave the money back.
/// <para>Each credit note has its own idempotency key, <c>{in_…}-credit-from-{credited}</c>: the amount already credited
/// when it is made, which is the invoice's <see cref="Invoice.AmountCredited"/>, a concurrency token. If the process dies
/// after the processor refunded but before the save, nothing was recorded, so a retry of the same refund computes the
/// same key and the processor answers its first refund instead of refunding again; the note is then recorded once. Two
/// requests that read the same balance ask under the same key (one refund at the processor) and only one of them can
/// save. We chose this over recording a pending note before asking the processor: it needs no new state and no
/// sweeper. The cost: until it is retried, such a refund is at the processor but not on the invoice, and a retry must
/// ask for the same amount (the processor refuses a key reused for another amount).</para></summary>
public sealed class CreditInvoiceHandler(INumiDb db, IValidator<CreditInvoice> validator, IPaymentGateway gateway, ControllableClock clock)
{
    public async Task<Result<CreditNote>> HandleAsync(CreditInvoice command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<CreditNote>.Failure(errors);
        var invoice = await db.Invoices.Include(i => i.CreditNotes).FirstOrDefaultAsync(i => i.Id == command.InvoiceId, ct);
        if (invoice is null) return Error.NotFound("No such invoice.", "id");
        var amount = invoice.CanCredit(command.Amount ?? invoice.Creditable);
        if (!amount.Succeeded) return Result<CreditNote>.Failure(amount.Errors);
        if (invoice.PaymentIntentId is not { } paymentIntent)
            return Error.Conflict($"{invoice.DisplayNumber} was paid without a charge (nothing was due), so there is nothing to refund.");
        var subscription = await db.Subscriptions.FirstAsync(s => s.Id == invoice.SubscriptionId, ct);

        var key = $"{invoice.PublicId}-credit-from-{invoice.AmountCredited}";
        var refund = await gateway.TryRefundAsync(paymentIntent, amount.Value, key, ct);
        if (!refund.Succeeded) return Result<CreditNote>.Failure(refund.Errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var note = invoice.Credit(amount.Value, command.Reason, now).Value;
        subscription.InvoiceCredited(invoice.DisplayNumber, note.Amount, note.Currency, note.Reason, now);
        try
        {
            await db.SaveInTurnAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict($"{invoice.DisplayNumber} was credited at the same moment; reload it and check what is left to refund.", "amount");
        }
        return note;
    }
}
