using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Payments;

namespace Numi.Core.Subscriptions;

/// <summary>Moves subscription <see cref="Id"/> to plan <see cref="PlanId"/>, prorated at <see cref="ProrationDate"/>
/// (the preview's, so the customer pays what they saw; now when not given). The proration date is also what makes a
/// confirmation safe to repeat: a second confirmation of the same preview finds the first one's invoice.</summary>
public sealed record ChangePlan(Guid Id, Guid PlanId, int? Quantity = null, DateTime? ProrationDate = null, string? Note = null);

public sealed class ChangePlanValidator : AbstractValidator<ChangePlan>
{
    public ChangePlanValidator()
    {
        RuleFor(c => c.Note).MaximumLength(SubscriptionEvent.MaxNoteLength)
            .WithMessage($"A note has at most {SubscriptionEvent.MaxNoteLength} characters.")
            .MultiLineText().WithMessage("A note cannot contain control characters (tabs and line breaks are fine).");
    }
}

/// <summary>The subscription after the change, and the proration invoice when the change cost something.</summary>
public sealed record PlanChanged(Subscription Subscription, Invoice? Invoice);

/// <summary>Confirms a plan change. A total above zero is charged at once, off-session, to the subscription's card on a
/// proration invoice (numbered like renewals, charged with the invoice's first attempt key): paid, the subscription moves
/// to the new price in the same save; declined, the invoice is void with the decline, the subscription is untouched and
/// the decline is the answer. A total of zero or less moves the subscription at once, the credit to its balance.
/// <para>Repeats: the invoice is unique per (subscription, proration, second), so a confirmation repeated with the same
/// proration date, even at the same moment, finds the same invoice and charges with the same key (the processor answers
/// the first charge); the invoice's status is a concurrency token, so only one confirmation moves it and the
/// subscription. A paid one is answered as done.</para></summary>
public sealed class ChangePlanHandler(INumiDb db, IValidator<ChangePlan> validator, PlanChangeQuoter quoter, IPaymentGateway gateway, ControllableClock clock)
{
    public async Task<Result<PlanChanged>> HandleAsync(ChangePlan command, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == command.Id, ct);
        if (subscription is null) return Error.NotFound("No such subscription.", "id");
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<PlanChanged>.Failure(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var at = PlanChangeQuoter.At(command.ProrationDate, now);
        if (!at.Succeeded) return Result<PlanChanged>.Failure(at.Errors);
        if (command.ProrationDate is { } date && await ProrationAtAsync(subscription.Id, date, ct) is { Status: InvoiceStatus.Paid } done)
            return new PlanChanged(subscription, done);

        var quoted = await quoter.QuoteAsync(subscription, command.PlanId, command.Quantity, at.Value, ct);
        if (!quoted.Succeeded) return Result<PlanChanged>.Failure(quoted.Errors);
        var quote = quoted.Value;
        if (quote.Total <= 0)
        {
            var moved = Move(quote, -quote.Total, null, now, command.Note);
            if (!moved.Succeeded) return Result<PlanChanged>.Failure(moved.Errors);
            try
            {
                await db.SaveInTurnAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict("The subscription changed meanwhile; preview the change again.");
            }
            return new PlanChanged(subscription, null);
        }
        return await ChargeAsync(quote, now, command.Note, ct);
    }

    private async Task<Result<PlanChanged>> ChargeAsync(PlanChangeQuote quote, DateTime now, string? note, CancellationToken ct)
    {
        var subscription = quote.Subscription;
        var invoiceId = await InvoiceNumbering.InsertAsync(db, subscription.OrganizationId, number => Invoice.Proration(number, quote, now), ct)
            ?? (await ProrationAtAsync(subscription.Id, quote.ProrationDate, ct))!.Id;
        var invoice = await db.Invoices.Include(i => i.Lines).FirstAsync(i => i.Id == invoiceId, ct);
        if (invoice.Status == InvoiceStatus.Paid) return new PlanChanged(subscription, invoice);
        if (invoice.Status != InvoiceStatus.Draft)
            return new Error(ErrorCodes.CardDeclined, $"This change was declined ({invoice.RetryReason}); preview it again to try once more.",
                "payment_method", invoice.LastDeclineCode);

        var email = await db.Customers.Where(c => c.Id == subscription.CustomerId).Select(c => c.Email).FirstAsync(ct);
        var outcome = await gateway.ChargeAsync(new ChargeRequest(invoice.AmountDue, invoice.Currency, invoice.AttemptKey(invoice.NextAttempt),
            subscription.PaymentMethod, null, email, OffSession: true, Description: $"{invoice.DisplayNumber}: {quote.FromPlan} → {quote.Plan.Name}"), ct);
        var at = clock.GetUtcNow().UtcDateTime;
        if (!outcome.Succeeded)
        {
            var refusal = PaymentRefusal.Of(outcome.Status, outcome.Message, outcome.Param, outcome.DeclineCode);
            invoice.ProrationDeclined(outcome.DeclineCode, refusal.Message, at);
            return await SaveAsync(subscription, invoice, ct) ?? Result<PlanChanged>.Failure(refusal);
        }
        invoice.ProrationPaid(outcome.PaymentIntentId, at);
        var moved = Move(quote, 0, invoice.DisplayNumber, at, note);
        if (!moved.Succeeded) return Result<PlanChanged>.Failure(moved.Errors);
        return await SaveAsync(subscription, invoice, ct) ?? new PlanChanged(subscription, invoice);
    }

    private Result<SubscriptionEvent> Move(PlanChangeQuote quote, long credit, string? invoiceNumber, DateTime now, string? note) =>
        quote.Subscription.ChangePlan(quote.Price, quote.Plan.Name, quote.Quantity, quote.Amount, credit, now, note, quote.Detail(invoiceNumber));

    /// <summary>Saves the invoice's outcome (and the move); null when saved. A confirmation that lost the race to another
    /// with the same proration date answers what the winner saved.</summary>
    private async Task<Result<PlanChanged>?> SaveAsync(Subscription subscription, Invoice invoice, CancellationToken ct)
    {
        try
        {
            await db.SaveInTurnAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var added in subscription.Events.Where(e => db.Entry(e).State == EntityState.Added).ToList())
            {
                db.Entry(added).State = EntityState.Detached;
                subscription.Events.Remove(added);
            }
            await db.Entry(subscription).ReloadAsync(ct);
            await db.Entry(invoice).ReloadAsync(ct);
            return invoice.Status == InvoiceStatus.Paid
                ? new PlanChanged(subscription, invoice)
                : Error.Conflict("Another confirmation of this change answered first; look at the subscription before trying again.");
        }
    }

    private Task<Invoice?> ProrationAtAsync(Guid subscriptionId, DateTime at, CancellationToken ct)
    {
        var second = new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return db.Invoices.Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.SubscriptionId == subscriptionId && i.Kind == InvoiceKind.Proration && i.PeriodStart == second, ct);
    }
}
