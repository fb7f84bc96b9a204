using Numi.Core.Dunning;

namespace Numi.Core.Subscriptions;

/// <summary>What renewals and their retries do to a subscription, each recorded in its timeline like the merchant's
/// actions. A subscription is due when its period has ended while it is active or trialing.</summary>
public sealed partial class Subscription
{
    public bool IsDue(DateTime now) => Status is SubscriptionStatus.Active or SubscriptionStatus.Trialing && CurrentPeriodEnd <= now;

    /// <summary>Trialing, not yet reminded, and the trial (the current period) ends within <paramref name="lead"/>.</summary>
    public bool TrialReminderDue(DateTime now, TimeSpan lead) =>
        Status == SubscriptionStatus.Trialing && TrialReminderSentAt is null && CurrentPeriodEnd > now && CurrentPeriodEnd <= now + lead;

    /// <summary>Set to cancel at the period's end, or its <see cref="CancelAfterCycles"/> paid: the due subscription ends
    /// instead of renewing.</summary>
    public bool EndsAtPeriodEnd => CancelAtPeriodEnd || (CancelAfterCycles is { } cycles && CyclesPaid >= cycles);

    /// <summary>The period after the current one: from its end to the next end counted from the anchor (so the 31st
    /// comes back after a shorter month), and its number.</summary>
    public (int Cycle, DateTime Start, DateTime End) NextPeriod()
    {
        var cycle = CyclesPaid + 1;
        var end = BillingPeriods.End(BillingAnchor, Interval, IntervalCount, cycle);
        while (end <= CurrentPeriodEnd) end = BillingPeriods.End(BillingAnchor, Interval, IntervalCount, ++cycle);
        return (cycle, CurrentPeriodEnd, end);
    }

    /// <summary>Ends a due subscription that was set to end: canceled as of its period's end.</summary>
    public SubscriptionEvent End(DateTime now)
    {
        var from = Status;
        var detail = CancelAtPeriodEnd ? "canceled at the end of the period" : $"ended after {CyclesPaid} paid periods";
        Status = SubscriptionStatus.Canceled;
        CancelAtPeriodEnd = false;
        CanceledAt ??= now;
        EndedAt = CurrentPeriodEnd;
        return Record(SubscriptionEventType.Ended, from, now, null, detail);
    }

    /// <summary>The invoice of the period from <paramref name="start"/> to <paramref name="end"/> is paid: the period
    /// becomes the current one, and a past-due, unpaid or incomplete (first charge not yet paid) subscription is active.</summary>
    public SubscriptionEvent RenewalPaid(DateTime start, DateTime end, string invoiceNumber, DateTime now)
    {
        var from = Status;
        if (Status is SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid or SubscriptionStatus.Trialing or SubscriptionStatus.Incomplete) Status = SubscriptionStatus.Active;
        CurrentPeriodStart = start;
        CurrentPeriodEnd = end;
        CyclesPaid++;
        var renewed = Record(SubscriptionEventType.Renewed, from, now, null, $"{invoiceNumber} paid");
        PaidAfterLastRetry(invoiceNumber, now);
        return renewed;
    }

    /// <summary>A renewal charge failed: the subscription is past due, with the decision on what comes next.</summary>
    public SubscriptionEvent PaymentFailed(string invoiceNumber, RetryDecision decision, DateTime now)
    {
        var from = Status;
        if (Status is SubscriptionStatus.Active or SubscriptionStatus.Trialing) Status = SubscriptionStatus.PastDue;
        var type = decision.Outcome == RetryOutcome.NewCardNeeded ? SubscriptionEventType.NewCardNeeded : SubscriptionEventType.PaymentFailed;
        return Record(type, from, now, null, Clip($"{invoiceNumber}: {decision.Reason}"));
    }

    /// <summary>The last retry failed: the plan's <paramref name="then"/> decides (cancel, pause, or unpaid for a
    /// manual review or the save flow, which also flag the review or start the save flow: SubscriptionReview.cs).</summary>
    public SubscriptionEvent RetriesExhausted(AfterLastRetry then, string invoiceNumber, DateTime now)
    {
        var from = Status;
        TakeAfterLastRetry(then, now);
        var exhausted = Record(SubscriptionEventType.RetriesExhausted, from, now, null, $"{invoiceNumber}: no retry left, {Wire(then)}");
        FollowUp(then, $"{invoiceNumber}: no retry left", invoiceOpen: true, now);
        return exhausted;
    }

    /// <summary>An open invoice was given up on after the plan's maximum days (Stripe's <c>uncollectible</c>). A
    /// subscription still past due (a hard decline left it waiting for a new card, so no retry ever ran out) now takes
    /// the plan's <paramref name="then"/>; one that already took it at the last retry keeps its status.</summary>
    public SubscriptionEvent InvoiceUncollectible(AfterLastRetry then, string invoiceNumber, int maxDays, DateTime now)
    {
        var from = Status;
        if (Status == SubscriptionStatus.PastDue) TakeAfterLastRetry(then, now);
        var reason = $"{invoiceNumber}: uncollectible after {maxDays} days unpaid";
        var uncollectible = Record(SubscriptionEventType.InvoiceUncollectible, from, now, null,
            reason + (from == SubscriptionStatus.PastDue ? $", {Wire(then)}" : ""));
        if (from == SubscriptionStatus.PastDue) FollowUp(then, reason, invoiceOpen: false, now);
        return uncollectible;
    }

    private void TakeAfterLastRetry(AfterLastRetry then, DateTime now)
    {
        switch (then)
        {
            case AfterLastRetry.Cancel:
                Status = SubscriptionStatus.Canceled;
                CancelAtPeriodEnd = false;
                CanceledAt = now;
                EndedAt = now;
                break;
            case AfterLastRetry.Pause:
                Status = SubscriptionStatus.Paused;
                PausedAt = now;
                break;
            default:
                Status = SubscriptionStatus.Unpaid;
                break;
        }
    }

    private static string Wire(AfterLastRetry then) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(then.ToString());

    private static string Clip(string text) => text.Length > 200 ? text[..199] + "…" : text;
}
