using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Invoices;
using Numi.Core.Payments;

namespace Numi.Core.Subscriptions;

/// <summary>A subscription for customer <see cref="CustomerId"/> to a plan (<see cref="PlanId"/>) or a recurring price
/// (<see cref="PriceId"/>), one of the two. <see cref="TrialPeriodDays"/> null takes the plan's trial (none for a bare
/// price); <see cref="PaymentMethod"/> null charges the customer's saved method.</summary>
public sealed record CreateSubscription(Guid CustomerId, Guid? PlanId, Guid? PriceId, int Quantity = 1, int? TrialPeriodDays = null,
    string? PaymentMethod = null, string? Note = null);

public sealed class CreateSubscriptionValidator : AbstractValidator<CreateSubscription>
{
    public CreateSubscriptionValidator()
    {
        RuleFor(c => c.PlanId).NotNull().When(c => c.PriceId is null).WithMessage("Give the plan (plan_…) or the recurring price (price_…) to subscribe to.");
        RuleFor(c => c.PriceId).Null().When(c => c.PlanId is not null).WithMessage("Give a plan or a price, not both.");
        RuleFor(c => c.Quantity).InclusiveBetween(1, Subscription.MaxQuantity)
            .WithMessage($"A quantity is a whole number from 1 to {Subscription.MaxQuantity:N0}.");
        RuleFor(c => c.TrialPeriodDays).InclusiveBetween(0, PlanSettings.MaxTrialDays)
            .WithMessage($"A trial lasts 0 to {PlanSettings.MaxTrialDays} days (0 for none).");
        RuleFor(c => c.PaymentMethod).MaximumLength(255).WithMessage("A payment method id has at most 255 characters.")
            .SingleLineText().WithMessage("A payment method id cannot contain control characters.");
        RuleFor(c => c.Note).MaximumLength(SubscriptionEvent.MaxNoteLength)
            .WithMessage($"A note has at most {SubscriptionEvent.MaxNoteLength} characters.")
            .MultiLineText().WithMessage("A note cannot contain control characters (tabs and line breaks are fine).");
    }
}

/// <summary>Starts a subscription with no checkout. In a trial it is saved and nothing is charged. Otherwise the
/// subscription and its first period's invoice are inserted in one transaction (<see cref="RenewSubscriptionHandler.OpenNextInvoiceAsync"/>),
/// then the invoice's first attempt is charged off-session through <see cref="InvoiceCollection"/>, with the invoice's
/// key for that attempt: paid, the subscription is active; declined, it stays incomplete with the open invoice and its
/// retry plan, as a declined renewal stays past due. A runner that dies before the charge leaves an open invoice due now,
/// which the retry job charges, so no subscription exists without its invoice.</summary>
public sealed class CreateSubscriptionHandler(INumiDb db, IValidator<CreateSubscription> validator, IPaymentGateway gateway,
    RenewSubscriptionHandler renewals, InvoiceCollection collection, ControllableClock clock)
{
    public async Task<Result<Subscription>> HandleAsync(CreateSubscription command, CancellationToken ct)
    {
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Subscription>.Failure(errors);
        // The tenant filter hides another organization's customer, plan and price: each is "no such" here.
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == command.CustomerId, ct);
        if (customer is null) return Error.NotFound("No such customer.", "customer");
        var plan = command.PlanId is { } planId ? await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) : null;
        if (command.PlanId is not null && plan is null) return Error.NotFound("No such plan.", "plan");
        if (plan is { Active: false }) return Error.Conflict("The plan is archived, so no new subscription can start on it.", "plan");
        var priceId = plan?.PriceId ?? command.PriceId!.Value;
        var price = await db.Prices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == priceId, ct);
        if (price is null) return Error.NotFound("No such price.", "price");
        if (!price.Active) return Error.Conflict("The price is archived, so no new subscription can start on it.", plan is null ? "price" : "plan");
        var quote = PriceCalculator.Quote(price, command.Quantity);
        if (!quote.Succeeded) return Result<Subscription>.Failure([.. quote.Errors.Select(e => e with { Param = "quantity" })]);

        var paymentMethod = await PaymentMethodAsync(command, customer, ct);
        if (!paymentMethod.Succeeded) return Result<Subscription>.Failure(paymentMethod.Errors);
        var description = await db.Products.Where(p => p.Id == price.ProductId).Select(p => p.Name).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var trialDays = command.TrialPeriodDays ?? plan?.Settings.TrialDays ?? 0;
        var created = Subscription.ForCustomer(customer, price, description, command.Quantity, quote.Value.Amount, paymentMethod.Value, trialDays, now, command.Note);
        if (!created.Succeeded) return created;

        var subscription = created.Value;
        db.Subscriptions.Add(subscription);
        if (subscription.Status == SubscriptionStatus.Trialing)
        {
            await db.SaveChangesAsync(ct);
            return subscription;
        }
        var invoiceId = await renewals.OpenNextInvoiceAsync(subscription, now, ct);
        await collection.CollectNowAsync(invoiceId, ct);
        return subscription;
    }

    /// <summary>A method given in the request is checked and kept by the processor first (a SetupIntent, nothing
    /// charged), so a card the bank refuses starts nothing; otherwise the card the customer's last payment saved.</summary>
    private async Task<Result<string>> PaymentMethodAsync(CreateSubscription command, Customer customer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.PaymentMethod))
            return customer.DefaultPaymentMethod is { } saved
                ? saved
                : Error.Conflict("The customer has no saved payment method: they need to pay once through a checkout, or give payment_method.", "payment_method");
        var kept = await gateway.SaveCardAsync(new SaveCardRequest(customer.Email, $"{customer.PublicId}-subscription-card-{Guid.CreateVersion7():N}",
            command.PaymentMethod.Trim(), null), ct);
        return kept.Succeeded ? kept.PaymentMethod! : PaymentRefusal.Of(kept.Status, kept.Message, kept.Param, kept.DeclineCode);
    }
}
