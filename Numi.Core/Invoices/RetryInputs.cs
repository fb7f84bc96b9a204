using Microsoft.EntityFrameworkCore;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>What the <see cref="RetryScheduler"/> needs beside the decline: the plan's retry settings (the plan whose
/// price is the subscription's; the defaults without one) and the customer's payment pattern, learned from their
/// orders and invoices (<see cref="PaymentHistory"/>). The nightly analysis stores that pattern
/// (<see cref="CustomerPaymentPattern"/>); it is learned here from the history only when none is stored in the zone of
/// this plan's window yet (a new customer, or one whose newest subscription is on a plan in another zone).</summary>
public sealed class RetryInputs(Common.INumiDb db)
{
    private const int History = 50;

    public async Task<(RetrySettings Settings, PaymentPattern Pattern)> ForAsync(Subscription subscription, CancellationToken ct)
    {
        var settings = (await db.PlanSettingsAsync(subscription.PriceId, ct)).Retry;
        var customer = subscription.CustomerId;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        var stored = await db.CustomerPaymentPatterns.AsNoTracking().Where(p => p.CustomerId == customer).Select(p => p.Pattern).FirstOrDefaultAsync(ct);
        if (stored is not null && stored.TimeZone == zone.Id) return (settings, stored);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer)
            .OrderByDescending(o => o.CreatedAt).Take(History).Select(o => o.CreatedAt).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customer && (i.PaidAt != null || i.LastAttemptAt != null))
            .OrderByDescending(i => i.CreatedAt).Take(History).Select(i => new { i.PaidAt, i.LastAttemptAt }).ToListAsync(ct);
        var history = orders.Select(PaymentHistory.OfOrder)
            .Concat(invoices.Select(i => PaymentHistory.OfInvoice(i.PaidAt, i.LastAttemptAt)))
            .OrderBy(p => p.AtUtc).ToArray();
        return (settings, PaymentPattern.Learn(history, zone));
    }
}
