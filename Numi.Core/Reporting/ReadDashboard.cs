using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Reporting;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Core.Reporting;

/// <summary>Reads the current organization's dashboard figures, with the month taken from <see cref="ControllableClock"/>
/// in the organization's time zone.</summary>
public sealed class ReadDashboardHandler(INumiDb db, ControllableClock clock)
{
    public async Task<DashboardFigures> HandleAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Select(o => new { o.DefaultCurrency, o.TimeZone }).FirstAsync(ct);
        var monthStart = ReportingMonth.StartUtc(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(organization.TimeZone));
        var byCurrency = await db.Orders.AsNoTracking().Where(o => o.CreatedAt >= monthStart)
            .GroupBy(o => o.Currency)
            .Select(g => new { Currency = g.Key, Orders = g.Count(), Net = g.Sum(o => o.AmountTotal - o.AmountRefunded) })
            .ToListAsync(ct);
        // The default currency when the organization sold in it, else the currency it sold most in.
        var shown = byCurrency.FirstOrDefault(c => c.Currency == organization.DefaultCurrency)
            ?? byCurrency.OrderByDescending(c => c.Orders).ThenBy(c => c.Currency, StringComparer.Ordinal).FirstOrDefault();

        return new DashboardFigures(
            shown is null ? null : new MonthRevenue(shown.Currency, shown.Orders, shown.Net, byCurrency.Count - 1),
            await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.Active, ct),
            await db.Products.CountAsync(ct),
            await db.Memberships.CountAsync(ct),
            await db.ApiKeys.CountAsync(k => k.RevokedAt == null, ct));
    }
}
