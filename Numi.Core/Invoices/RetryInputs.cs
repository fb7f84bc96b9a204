using Microsoft.EntityFrameworkCore;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>What the <see cref="RetryScheduler"/> needs beside the decline for one subscription: the plan's retry
/// settings, the customer's payment pattern (learned in <see cref="ZoneId"/>) and the customer's own time zone when
/// known (<see cref="Customers.Customer.TimeZone"/>), which then reads the plan's window.</summary>
public sealed record RetryContext(RetrySettings Settings, PaymentPattern Pattern, string? CustomerTimeZone)
{
    /// <summary>The zone the window is read in: the customer's when known, else the plan's.</summary>
    public string ZoneId => CustomerTimeZone ?? Settings.TimeZone;

    public RetryRequest Request(string? declineCode, int attempt, DateTime firstFailureUtc, DateTime lastFailureUtc) =>
        new(declineCode, attempt, firstFailureUtc, lastFailureUtc, Settings, Pattern, CustomerTimeZone);
}

/// <summary>Reads a subscription's <see cref="RetryContext"/>: the plan's retry settings (the plan whose price is the
/// subscription's; the defaults without one), the customer's own time zone, and their payment pattern, learned from
/// their orders and invoices (<see cref="PaymentHistory"/>). The nightly analysis stores that pattern
/// (<see cref="CustomerPaymentPattern"/>); it is learned here from the history only when none is stored in the zone the
/// window is read in (a new customer, a customer whose zone was just set, or one whose newest subscription is on a plan
/// in another zone).</summary>
public sealed class RetryInputs(Common.INumiDb db)
{
    private const int History = 50;

    public async Task<RetryContext> ForAsync(Subscription subscription, CancellationToken ct)
    {
        var settings = (await db.PlanSettingsAsync(subscription.PriceId, ct)).Retry;
        var customer = subscription.CustomerId;
        var own = await db.Customers.AsNoTracking().Where(c => c.Id == customer).Select(c => c.TimeZone).FirstOrDefaultAsync(ct);
        // A zone this machine no longer knows (its time zone data changed) falls back to the plan's rather than failing the charge.
        var customerZone = Common.TimeZones.IsKnown(own) ? own : null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(customerZone ?? settings.TimeZone);
        var stored = await db.CustomerPaymentPatterns.AsNoTracking().Where(p => p.CustomerId == customer).Select(p => p.Pattern).FirstOrDefaultAsync(ct);
        if (stored is not null && stored.TimeZone == zone.Id) return new(settings, stored, customerZone);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer)
            .OrderByDescending(o => o.CreatedAt).Take(History).Select(o => o.CreatedAt).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customer && (i.PaidAt != null || i.LastAttemptAt != null))
            .OrderByDescending(i => i.CreatedAt).Take(History).Select(i => new { i.PaidAt, i.LastAttemptAt }).ToListAsync(ct);
        var history = orders.Select(PaymentHistory.OfOrder)
            .Concat(invoices.Select(i => PaymentHistory.OfInvoice(i.PaidAt, i.LastAttemptAt)))
            .OrderBy(p => p.AtUtc).ToArray();
        return new(settings, PaymentPattern.Learn(history, zone), customerZone);
    }
}
