using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

public enum AttemptOutcome { Paid, Declined, NewCardNeeded, RetriesExhausted }

/// <summary>One payment attempt made on an invoice: when, how it ended, and the words recorded with it (for a decline,
/// the decline's class and what was planned next).</summary>
public sealed record InvoiceAttemptEntry(int Attempt, DateTime At, AttemptOutcome Outcome, string Detail);

/// <summary>An invoice's attempts, read from its subscription's timeline: every attempt's outcome is saved with exactly
/// one timeline row (renewed, payment failed, new card needed, retries exhausted) whose detail starts with the invoice's
/// number, in the same save, so the timeline holds every attempt and only those made.</summary>
public static class InvoiceAttemptHistory
{
    public static IReadOnlyList<InvoiceAttemptEntry> Of(string invoiceNumber, IEnumerable<SubscriptionEvent> timeline)
    {
        var paid = invoiceNumber + " paid";
        var failed = invoiceNumber + ": ";
        var attempts = new List<InvoiceAttemptEntry>();
        foreach (var e in timeline.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id))
        {
            var outcome = e.Type switch
            {
                SubscriptionEventType.Renewed when e.Detail == paid => AttemptOutcome.Paid,
                SubscriptionEventType.PaymentFailed => AttemptOutcome.Declined,
                SubscriptionEventType.NewCardNeeded => AttemptOutcome.NewCardNeeded,
                SubscriptionEventType.RetriesExhausted => AttemptOutcome.RetriesExhausted,
                _ => (AttemptOutcome?)null,
            };
            if (outcome is not { } known) continue;
            if (known != AttemptOutcome.Paid && e.Detail?.StartsWith(failed, StringComparison.Ordinal) != true) continue;
            attempts.Add(new InvoiceAttemptEntry(attempts.Count + 1, e.CreatedAt, known, known == AttemptOutcome.Paid ? "paid" : e.Detail![failed.Length..]));
        }
        return attempts;
    }
}
