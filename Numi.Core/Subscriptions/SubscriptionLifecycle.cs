using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>The merchant's transitions. Each checks the status first and refuses what Stripe would refuse, with a
/// message that says what to do instead; each that succeeds appends its <see cref="SubscriptionEvent"/> to
/// <see cref="Events"/>, which EF inserts in the same save.</summary>
public sealed partial class Subscription
{
    public const int MaxQuantity = 10_000;

    public List<SubscriptionEvent> Events { get; private set; } = [];

    public Result<SubscriptionEvent> Cancel(DateTime now, bool atPeriodEnd, string? note = null)
    {
        if (Status == SubscriptionStatus.Canceled) return Error.Conflict("The subscription is already canceled.");
        if (atPeriodEnd)
        {
            // Only a subscription whose period is running has an end to cancel at; a paused, unpaid or incomplete one
            // is canceled now.
            if (Status is not (SubscriptionStatus.Active or SubscriptionStatus.Trialing or SubscriptionStatus.PastDue))
                return Error.Conflict($"A {Describe(Status)} subscription has no running period to cancel at the end of; cancel it now.", "at_period_end");
            if (CancelAtPeriodEnd) return Error.Conflict("The subscription is already set to cancel at the end of its period.", "at_period_end");
            CancelAtPeriodEnd = true;
            CanceledAt = now;
            return Record(SubscriptionEventType.CancelScheduled, Status, now, note);
        }
        var from = Status;
        Status = SubscriptionStatus.Canceled;
        CancelAtPeriodEnd = false;
        CanceledAt = now;
        EndedAt = now;
        return Record(SubscriptionEventType.Canceled, from, now, note);
    }

    public Result<SubscriptionEvent> UndoCancel(DateTime now, string? note = null)
    {
        if (Status == SubscriptionStatus.Canceled) return Error.Conflict("A canceled subscription cannot be restored; start a new one.");
        if (!CancelAtPeriodEnd) return Error.Conflict("The subscription is not set to cancel, so there is nothing to undo.");
        CancelAtPeriodEnd = false;
        CanceledAt = null;
        return Record(SubscriptionEventType.CancelUndone, Status, now, note);
    }

    public Result<SubscriptionEvent> Pause(DateTime now, string? note = null)
    {
        if (Status == SubscriptionStatus.Paused) return Error.Conflict("The subscription is already paused.");
        if (Status != SubscriptionStatus.Active) return Error.Conflict($"Only an active subscription can be paused; this one is {Describe(Status)}.");
        if (CancelAtPeriodEnd) return Error.Conflict("The subscription is set to cancel at the end of its period; undo that before pausing it.");
        var from = Status;
        Status = SubscriptionStatus.Paused;
        PausedAt = now;
        return Record(SubscriptionEventType.Paused, from, now, note);
    }

    public Result<SubscriptionEvent> Resume(DateTime now, string? note = null)
    {
        if (Status != SubscriptionStatus.Paused) return Error.Conflict($"Only a paused subscription can be resumed; this one is {Describe(Status)}.");
        Status = SubscriptionStatus.Active;
        PausedAt = null;
        return Record(SubscriptionEventType.Resumed, SubscriptionStatus.Paused, now, note);
    }

    /// <summary>Sets the quantity and what a period costs for it (<paramref name="amount"/>, priced by the caller from
    /// the subscription's price). From the next period on: prorating the running one comes with plan changes.</summary>
    public Result<SubscriptionEvent> ChangeQuantity(int quantity, long amount, DateTime now, string? note = null)
    {
        if (quantity is < 1 or > MaxQuantity) return Error.Invalid("quantity", $"A quantity is a whole number from 1 to {MaxQuantity:N0}.");
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount is never negative.");
        if (Status is SubscriptionStatus.Canceled or SubscriptionStatus.Incomplete)
            return Error.Conflict($"The quantity of a {Describe(Status)} subscription cannot change.");
        if (quantity == Quantity) return Error.Invalid("quantity", $"The quantity is already {quantity}.");
        var detail = $"quantity {Quantity} → {quantity}";
        Quantity = quantity;
        Amount = amount;
        return Record(SubscriptionEventType.QuantityChanged, Status, now, note, detail);
    }

    /// <summary>The most paid periods a subscription may be limited to, as for a price's own cancel_after_cycles.</summary>
    public const int MaxCancelAfterCycles = 1000;

    /// <summary>Ends the subscription once <paramref name="cycles"/> periods are paid (it ends at the end of the period
    /// that makes them; none given removes the limit). Never below the periods already paid: a limit equal to them ends
    /// it at the current period's end. Refused for a canceled subscription.</summary>
    public Result<SubscriptionEvent> SetCancelAfterCycles(int? cycles, DateTime now, string? note = null)
    {
        const string param = "cancel_after_cycles";
        if (Status == SubscriptionStatus.Canceled) return Error.Conflict("A canceled subscription has no periods left to limit.", param);
        if (cycles is { } limit)
        {
            if (limit is < 1 or > MaxCancelAfterCycles)
                return Error.Invalid(param, $"cancel_after_cycles is a whole number of paid periods from 1 to {MaxCancelAfterCycles:N0}, or null to remove the limit.");
            if (limit < CyclesPaid)
                return Error.Invalid(param, $"{CyclesPaid} periods are already paid, so the subscription can end after {CyclesPaid} or more, not {limit}.");
        }
        if (cycles == CancelAfterCycles)
            return Error.Invalid(param, cycles is { } same ? $"The subscription already ends after {same} paid periods." : "The subscription has no limit of periods to remove.");
        var detail = cycles is { } n
            ? $"ends after {PaidPeriods(n)}" + (CancelAfterCycles is { } old ? $" (was {old})" : "")
            : $"no longer ends after {PaidPeriods(CancelAfterCycles!.Value)}";
        CancelAfterCycles = cycles;
        return Record(SubscriptionEventType.CancelAfterCyclesChanged, Status, now, note, detail);
    }

    private static string PaidPeriods(int n) => n == 1 ? "1 paid period" : $"{n} paid periods";

    /// <summary>Lets tests reach the statuses that trials, renewals and dunning will set, until those slices exist.</summary>
    internal void SetStatusForTests(SubscriptionStatus status) => Status = status;

    private SubscriptionEvent Record(SubscriptionEventType type, SubscriptionStatus from, DateTime now, string? note, string? detail = null)
    {
        var change = SubscriptionEvent.Of(this, type, from, now, note, detail);
        Events.Add(change);
        return change;
    }

    private static string Describe(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.PastDue => "past-due",
        _ => status.ToString().ToLowerInvariant(),
    };
}
