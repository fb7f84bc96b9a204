using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

public enum SubscriptionAction { Cancel, UndoCancel, Pause, Resume, ChangeQuantity, SetCancelAfterCycles, MarkReviewed }

/// <summary>A merchant's action on a subscription. <see cref="AtPeriodEnd"/> is read by cancel, <see cref="Quantity"/>
/// by change quantity, <see cref="CancelAfterCycles"/> by set cancel after cycles (null removes the limit);
/// <see cref="Note"/> (who asked, why) goes into the timeline.</summary>
public sealed record ChangeSubscription(Guid Id, SubscriptionAction Action, string? Note = null, bool AtPeriodEnd = false, int? Quantity = null,
    int? CancelAfterCycles = null);

public sealed class ChangeSubscriptionValidator : AbstractValidator<ChangeSubscription>
{
    public ChangeSubscriptionValidator()
    {
        RuleFor(c => c.Note).MaximumLength(SubscriptionEvent.MaxNoteLength)
            .WithMessage($"A note has at most {SubscriptionEvent.MaxNoteLength} characters.")
            .MultiLineText().WithMessage("A note cannot contain control characters (tabs and line breaks are fine).");
        RuleFor(c => c.Quantity).NotNull().When(c => c.Action == SubscriptionAction.ChangeQuantity).WithMessage("Give the new quantity.");
    }
}

public sealed class ChangeSubscriptionHandler(INumiDb db, IValidator<ChangeSubscription> validator, ControllableClock clock)
{
    public async Task<Result<Subscription>> HandleAsync(ChangeSubscription command, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == command.Id, ct);
        if (subscription is null) return Error.NotFound("No such subscription.", "id");
        var errors = validator.Check(command);
        if (errors.Count > 0) return Result<Subscription>.Failure(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var change = command.Action switch
        {
            SubscriptionAction.Cancel => subscription.Cancel(now, command.AtPeriodEnd, command.Note),
            SubscriptionAction.UndoCancel => subscription.UndoCancel(now, command.Note),
            SubscriptionAction.Pause => subscription.Pause(now, command.Note),
            SubscriptionAction.Resume => subscription.Resume(now, command.Note),
            SubscriptionAction.ChangeQuantity => await ChangeQuantityAsync(subscription, command.Quantity!.Value, now, command.Note, ct),
            SubscriptionAction.SetCancelAfterCycles => subscription.SetCancelAfterCycles(command.CancelAfterCycles, now, command.Note),
            SubscriptionAction.MarkReviewed => subscription.MarkReviewed(now, command.Note),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Action, "Not a subscription action."),
        };
        if (!change.Succeeded) return Result<Subscription>.Failure(change.Errors);
        await db.SaveChangesAsync(ct);
        return subscription;
    }

    /// <summary>The new quantity is priced with the subscription's price, so tiers and packages apply as at checkout.</summary>
    private async Task<Result<SubscriptionEvent>> ChangeQuantityAsync(Subscription subscription, int quantity, DateTime now, string? note, CancellationToken ct)
    {
        if (quantity is < 1 or > Subscription.MaxQuantity) return subscription.ChangeQuantity(quantity, 0, now, note);
        var price = await db.Prices.AsNoTracking().FirstAsync(p => p.Id == subscription.PriceId, ct);
        var quote = PriceCalculator.Quote(price, quantity);
        if (!quote.Succeeded) return Result<SubscriptionEvent>.Failure(quote.Errors.Select(e => e with { Param = "quantity" }).ToList());
        return subscription.ChangeQuantity(quantity, quote.Value.Amount, now, note);
    }
}
