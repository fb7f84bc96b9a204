using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Stripe's invoice transitions: a draft is finalized (open) or voided; an open invoice is paid, voided or
/// marked uncollectible; an uncollectible one can still be paid or voided. Paid and void are final. A refused
/// transition is an error and changes nothing.</summary>
public sealed partial class Invoice
{
    public Result<Invoice> Finalize(DateTime now)
    {
        _ = now;
        if (Status != InvoiceStatus.Draft) return Error.Conflict($"Only a draft invoice can be finalized; this one is {Describe(Status)}.");
        Status = InvoiceStatus.Open;
        return this;
    }

    /// <summary>The charge <paramref name="paymentIntentId"/> paid what was due (none when nothing was).</summary>
    public Result<Invoice> MarkPaid(string? paymentIntentId, DateTime now)
    {
        if (Status is not (InvoiceStatus.Open or InvoiceStatus.Uncollectible))
            return Error.Conflict($"Only an open or uncollectible invoice can be paid; this one is {Describe(Status)}.");
        Status = InvoiceStatus.Paid;
        PaymentIntentId = paymentIntentId;
        AmountPaid = AmountDue;
        PaidAt = now;
        NextAttemptAt = null;
        ClaimedUntil = null;
        return this;
    }

    public Result<Invoice> Void(DateTime now)
    {
        if (Status is not (InvoiceStatus.Draft or InvoiceStatus.Open))
            return Error.Conflict($"Only a draft or open invoice can be voided; this one is {Describe(Status)}.", "status");
        Status = InvoiceStatus.Void;
        VoidedAt = now;
        NextAttemptAt = null;
        return this;
    }

    public Result<Invoice> MarkUncollectible(DateTime now)
    {
        _ = now;
        if (Status != InvoiceStatus.Open) return Error.Conflict($"Only an open invoice can be marked uncollectible; this one is {Describe(Status)}.");
        Status = InvoiceStatus.Uncollectible;
        NextAttemptAt = null;
        return this;
    }

    /// <summary>What is left to credit: the amount paid less what credit notes gave back.</summary>
    public long Creditable => AmountPaid - AmountCredited;

    /// <summary>Whether <paramref name="amount"/> may be credited now (the amount when it may): checked before the
    /// processor is asked for the money, so a refusal here refunds nothing.</summary>
    public Result<long> CanCredit(long amount)
    {
        if (Status != InvoiceStatus.Paid) return Error.Conflict($"Only a paid invoice can be credited; this one is {Describe(Status)}.");
        if (amount <= 0) return Error.Invalid("amount", "A credit note must be for more than zero.");
        if (amount > Creditable)
            return Error.Invalid("amount", Creditable == 0
                ? "Everything paid on this invoice has already been credited."
                : $"At most {Money.Format(Creditable, Currency)} is left to credit on this invoice.");
        return amount;
    }

    /// <summary>A credit note giving back <paramref name="amount"/> of a paid invoice, never more than is left of what was
    /// paid. The caller refunds the money through the processor (<see cref="CreditInvoiceHandler"/>); this records it
    /// against the invoice.</summary>
    public Result<CreditNote> Credit(long amount, string? reason, DateTime now)
    {
        var allowed = CanCredit(amount);
        if (!allowed.Succeeded) return Result<CreditNote>.Failure(allowed.Errors);
        var note = CreditNote.Create(this, amount, reason, now);
        CreditNotes.Add(note);
        AmountCredited += amount;
        return note;
    }

    internal static string Describe(InvoiceStatus status) => status.ToString().ToLowerInvariant();
}
