using Numi.Core.Dunning;

namespace Numi.Core.Invoices;

/// <summary>One charge still planned on an invoice: its number (1 is the renewal itself), when, the zone the plan's
/// window is read in, and the scheduler's sentence.</summary>
public sealed record PlannedAttempt(int Attempt, DateTime AtUtc, string TimeZone, string Reason);

/// <summary>An invoice's remaining planned attempts, or why there are none. The next attempt is the one the invoice
/// holds, with the reason it was given when it was planned (the sentence the pages show); the ones after it are the
/// <see cref="RetryScheduler"/>'s answer should each fail with the same decline, as the plan's preview shows them.</summary>
public sealed record InvoiceRetryPlan(IReadOnlyList<PlannedAttempt> Attempts, string? NotRetrying)
{
    /// <param name="customerTimeZone">The customer's own zone when known: the window is read in it, as
    /// <see cref="InvoiceCollection"/> planned the held attempt.</param>
    public static InvoiceRetryPlan Of(Invoice invoice, RetrySettings settings, PaymentPattern pattern, string? customerTimeZone = null)
    {
        var zone = customerTimeZone ?? settings.TimeZone;
        switch (invoice.Status)
        {
            case InvoiceStatus.Paid: return None("The invoice is paid: nothing more is attempted.");
            case InvoiceStatus.Void: return None("The invoice is void: nothing more is attempted.");
            case InvoiceStatus.Draft: return None("The invoice is a draft: its first attempt is made once it is finalized.");
            case InvoiceStatus.Uncollectible:
                return None("The invoice is uncollectible: nothing more is attempted" + (invoice.RetryReason is { } why ? $" ({why})." : "."));
        }
        if (invoice.NextAttemptAt is not { } next)
            return None(invoice.RetryReason ?? "No attempt is planned.");
        if (invoice.AttemptCount == 0 || invoice.FirstFailedAt is not { } firstFailure)
            return new([new PlannedAttempt(invoice.NextAttempt, next, zone, invoice.RetryReason ?? "the renewal's first attempt")], null);

        var planned = new List<PlannedAttempt> { new(invoice.NextAttempt, next, zone, invoice.RetryReason ?? "") };
        var later = RetryScheduler.Schedule(new RetryRequest(invoice.LastDeclineCode, invoice.NextAttempt, firstFailure, next, settings, pattern, customerTimeZone));
        planned.AddRange(later.Where(d => d.Retries).Select((d, i) => new PlannedAttempt(invoice.NextAttempt + 1 + i, d.AtUtc!.Value, zone, d.Reason)));
        return new(planned, null);
    }

    private static InvoiceRetryPlan None(string why) => new([], why);
}
