using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Subscriptions;

/// <summary>A new card for a subscription's renewals: a payment method (<c>pm_…</c>, from Stripe's card field or a test
/// method) or, on the simulated processor, card details. <see cref="Note"/> (who asked) goes into the timeline.</summary>
public sealed record ChangeSubscriptionCard(Guid Id, string? PaymentMethod, CardDetails? Card, string? Note = null);

public sealed class ChangeSubscriptionCardValidator : AbstractValidator<ChangeSubscriptionCard>
{
    public ChangeSubscriptionCardValidator()
    {
        RuleFor(c => c.PaymentMethod).NotEmpty().When(c => c.Card is null).WithMessage("Give the card: a payment method such as pm_card_visa.");
        RuleFor(c => c.PaymentMethod).Empty().When(c => c.Card is not null).WithMessage("Give a payment method or card details, not both.");
        RuleFor(c => c.PaymentMethod).MaximumLength(255).WithMessage("A payment method id has at most 255 characters.")
            .SingleLineText().WithMessage("A payment method id cannot contain control characters.");
        RuleFor(c => c.Note).MaximumLength(SubscriptionEvent.MaxNoteLength)
            .WithMessage($"A note has at most {SubscriptionEvent.MaxNoteLength} characters.")
            .MultiLineText().WithMessage("A note cannot contain control characters (tabs and line breaks are fine).");
    }
}

/// <summary>Checks the card with the processor (a SetupIntent: nothing is charged) and, once the bank keeps it, makes it
/// the card renewals charge. A card the bank refuses changes nothing.</summary>
public sealed class ChangeSubscriptionCardHandler(INumiDb db, IValidator<ChangeSubscriptionCard> validator, IPaymentGateway gateway, ControllableClock clock)
{
    public async Task<Result<Subscription>> HandleAsync(ChangeSubscriptionCard command, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == command.Id, ct);
        if (subscription is null) return Error.NotFound("No such subscription.", "id");
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Subscription>.Failure(errors);
        if (subscription.Status == SubscriptionStatus.Canceled)
            return Error.Conflict("A canceled subscription is not charged again, so its card cannot change.");

        var email = await db.Customers.Where(c => c.Id == subscription.CustomerId).Select(c => c.Email).FirstAsync(ct);
        // A new key per request: the API's Idempotency-Key header is what makes a client's retry answer the first result.
        var saved = await gateway.SaveCardAsync(new SaveCardRequest(email, $"{subscription.PublicId}-card-{Guid.CreateVersion7():N}",
            command.PaymentMethod, command.Card), ct);
        if (!saved.Succeeded) return PaymentRefusal.Of(saved.Status, saved.Message, saved.Param, saved.DeclineCode);

        var change = subscription.ChangePaymentMethod(saved.PaymentMethod!, saved.Card, clock.GetUtcNow().UtcDateTime, command.Note);
        if (!change.Succeeded) return Result<Subscription>.Failure(change.Errors);
        await db.SaveChangesAsync(ct);
        return subscription;
    }
}
