namespace Numi.Core.Invoices;

public enum BillingResult
{
    /// <summary>The invoice is paid and the subscription's period moved on.</summary>
    Paid,
    /// <summary>The charge failed: the invoice stays open, with its next attempt (or none) and why.</summary>
    Declined,
    /// <summary>The subscription was set to end: it ended instead of renewing.</summary>
    Ended,
    /// <summary>The job did its work on the item: a dunning step, a receipt or a trial reminder sent, an unpaid invoice expired.</summary>
    Done,
    /// <summary>Nothing to do: not due, or another runner holds the attempt.</summary>
    Skipped,
}

/// <summary>What one renewal or retry did, with the reason a job run records for a decline or a skip, and for a decline
/// the processor's answer (its status, decline code and message).</summary>
public sealed record BillingOutcome(BillingResult Result, string? Detail = null, Payments.ChargeOutcome? Charge = null);
