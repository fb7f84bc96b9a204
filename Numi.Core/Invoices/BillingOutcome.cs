namespace Numi.Core.Invoices;

public enum BillingResult
{
    /// <summary>The invoice is paid and the subscription's period moved on.</summary>
    Paid,
    /// <summary>The charge failed: the invoice stays open, with its next attempt (or none) and why.</summary>
    Declined,
    /// <summary>The subscription was set to end: it ended instead of renewing.</summary>
    Ended,
    /// <summary>A message was queued to the customer (a trial's reminder).</summary>
    Sent,
    /// <summary>Nothing to do: not due, or another runner holds the attempt.</summary>
    Skipped,
}

/// <summary>What one renewal or retry did, with the reason a job run records for a decline or a skip.</summary>
public sealed record BillingOutcome(BillingResult Result, string? Detail = null);
