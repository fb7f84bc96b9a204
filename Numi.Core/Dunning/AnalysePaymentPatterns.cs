using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Dunning;

/// <summary>What one organization's analysis did: customers with payment history, patterns written, and patterns
/// another runner wrote first.</summary>
public sealed record PatternAnalysis(int Customers, int Stored, int Skipped);

/// <summary>Learns the <see cref="PaymentPattern"/> of every customer of the organization entered who has paid or been
/// charged, and stores it (<see cref="CustomerPaymentPattern"/>). Customers go in batches by id; each batch reads its
/// orders, attempted invoices and subscriptions in three range queries. The pattern is read in the customer's own time
/// zone when known, else in the time zone of the plan of their newest subscription (UTC without one), as <see cref="Invoices.RetryInputs"/> reads it for that
/// subscription. Two runners at once write the same rows: one inserts, the other finds them and changes nothing.</summary>
public sealed class AnalysePaymentPatternsHandler(INumiDb db, ControllableClock clock)
{
    public const int BatchSize = 1_000;

    public async Task<PatternAnalysis> HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var zones = await PlanZonesAsync(ct);
        var (customers, stored, skipped) = (0, 0, 0);
        Guid? after = null;
        for (var full = true; full;)
        {
            var batch = await db.Customers.AsNoTracking().Where(c => after == null || c.Id.CompareTo(after.Value) > 0)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.TimeZone }).Take(BatchSize).ToListAsync(ct);
            full = batch.Count == BatchSize;
            if (batch.Count == 0) break;
            var ids = batch.ConvertAll(c => c.Id);
            after = ids[^1];
            var ownZones = batch.Where(c => c.TimeZone != null).ToDictionary(c => c.Id, c => c.TimeZone!);
            var patterns = await LearnAsync(ids[0], ids[^1], zones, ownZones, ct);
            customers += patterns.Count;
            var written = await StoreAsync(patterns, ids[0], ids[^1], now, ct);
            stored += written;
            skipped += patterns.Count - written;
        }
        return new PatternAnalysis(customers, stored, skipped);
    }

    /// <summary>Each plan's price with the time zone of its retry window.</summary>
    private async Task<Dictionary<Guid, string>> PlanZonesAsync(CancellationToken ct) =>
        (await db.Plans.AsNoTracking().Select(p => new { p.PriceId, p.Settings }).ToListAsync(ct))
        .ToDictionary(p => p.PriceId, p => p.Settings.Retry.TimeZone);

    private async Task<Dictionary<Guid, PaymentPattern>> LearnAsync(Guid first, Guid last, Dictionary<Guid, string> planZones,
        Dictionary<Guid, string> customerZones, CancellationToken ct)
    {
        var histories = new Dictionary<Guid, List<PastPayment>>();
        void Add(Guid customer, PastPayment payment)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(histories, customer, out _);
            (list ??= []).Add(payment);
        }

        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId.CompareTo(first) >= 0 && o.CustomerId.CompareTo(last) <= 0)
            .Select(o => new { o.CustomerId, o.CreatedAt }).ToListAsync(ct);
        foreach (var order in orders) Add(order.CustomerId, PaymentHistory.OfOrder(order.CreatedAt));
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId.CompareTo(first) >= 0 && i.CustomerId.CompareTo(last) <= 0 && (i.PaidAt != null || i.LastAttemptAt != null))
            .Select(i => new { i.CustomerId, i.PaidAt, i.LastAttemptAt }).ToListAsync(ct);
        foreach (var invoice in invoices) Add(invoice.CustomerId, PaymentHistory.OfInvoice(invoice.PaidAt, invoice.LastAttemptAt));

        var newest = (await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId.CompareTo(first) >= 0 && s.CustomerId.CompareTo(last) <= 0)
                .Select(s => new { s.CustomerId, s.PriceId, s.CreatedAt }).ToListAsync(ct))
            .GroupBy(s => s.CustomerId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.CreatedAt)!.PriceId);
        var zones = new Dictionary<string, TimeZoneInfo>();
        var patterns = new Dictionary<Guid, PaymentPattern>(histories.Count);
        foreach (var (customer, history) in histories)
        {
            var zoneId = customerZones.TryGetValue(customer, out var own) ? own
                : newest.TryGetValue(customer, out var price) && planZones.TryGetValue(price, out var planZone) ? planZone : RetrySettings.Default.TimeZone;
            ref var zone = ref CollectionsMarshal.GetValueRefOrAddDefault(zones, zoneId, out _);
            zone ??= TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            history.Sort(static (a, b) => a.AtUtc.CompareTo(b.AtUtc));
            patterns[customer] = PaymentPattern.Learn(CollectionsMarshal.AsSpan(history), zone);
        }
        return patterns;
    }

    /// <summary>Replaces the batch's stored patterns; the number of rows this runner wrote. A runner that loses the
    /// race to insert a row reads the batch again and writes only what still differs.</summary>
    private async Task<int> StoreAsync(Dictionary<Guid, PaymentPattern> patterns, Guid first, Guid last, DateTime now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rows = await db.CustomerPaymentPatterns.Where(p => p.CustomerId.CompareTo(first) >= 0 && p.CustomerId.CompareTo(last) <= 0)
                .ToDictionaryAsync(p => p.CustomerId, ct);
            var added = new List<CustomerPaymentPattern>();
            var written = 0;
            foreach (var (customer, pattern) in patterns)
            {
                if (!rows.TryGetValue(customer, out var row)) added.Add(CustomerPaymentPattern.For(customer, pattern, now));
                else if (row.Pattern != pattern) row.Replace(pattern, now);
                else continue;
                written++;
            }
            db.CustomerPaymentPatterns.AddRange(added);
            try
            {
                await db.SaveInTurnAsync(ct);
            }
            catch (DbUpdateException e) when (attempt == 1 && db.IsUniqueKeyRace(e))
            {
                Forget(rows.Values.Concat(added));
                continue;
            }
            Forget(rows.Values.Concat(added));
            return written;
        }
    }

    /// <summary>Batches are many; the rows of one are not kept tracked while the next is read.</summary>
    private void Forget(IEnumerable<CustomerPaymentPattern> rows)
    {
        foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
    }
}
