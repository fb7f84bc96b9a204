using Microsoft.EntityFrameworkCore;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>What the <see cref="RetryScheduler"/> needs beside the decline: the plan's retry settings (the plan whose
/// price is the subscription's; the defaults without one) and the customer's payment pattern, learned from their
/// orders and invoices (a paid invoice is a success; an attempted, unpaid one a failure).</summary>
public sealed class RetryInputs(Common.INumiDb db)
{
    private const int History = 50;

    public async Task<(RetrySettings Settings, PaymentPattern Pattern)> ForAsync(Subscription subscription, CancellationToken ct)
    {
        var settings = (await db.PlanSettingsAsync(subscription.PriceId, ct)).Retry;
        var customer = subscription.CustomerId;
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer)
            .OrderByDescending(o => o.CreatedAt).Take(History).Select(o => o.CreatedAt).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customer && (i.PaidAt != null || i.LastAttemptAt != null))
            .OrderByDescending(i => i.CreatedAt).Take(History).Select(i => new { i.PaidAt, i.LastAttemptAt }).ToListAsync(ct);
        var history = orders.Select(at => new PastPayment(at, true))
            .Concat(invoices.Select(i => i.PaidAt is { } paid ? new PastPayment(paid, true) : new PastPayment(i.LastAttemptAt!.Value, false)))
            .OrderBy(p => p.AtUtc).ToArray();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        return (settings, PaymentPattern.Learn(history, zone));
    }
}
