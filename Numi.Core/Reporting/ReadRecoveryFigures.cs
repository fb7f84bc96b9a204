using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Contracts;
using Numi.Contracts.Reporting;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Invoices;

namespace Numi.Core.Reporting;

/// <summary>The period of the recovery figures; without one, the last <see cref="ReadRecoveryFiguresHandler.DefaultDays"/>
/// days by Numi's clock.</summary>
public sealed record ReadRecoveryFigures(DateTime? From = null, DateTime? To = null);

/// <summary>Recovery of the current organization's failed renewals. An invoice counts in the period its first attempt
/// failed in. Retry k was made for it when it has more than k attempts; it recovered at retry k when it is paid with
/// exactly k + 1 attempts. Its strategy is its plan's (the defaults, <c>mi_optimized</c>, without a plan). Amounts stay
/// in their currencies: they are never added across.</summary>
public sealed class ReadRecoveryFiguresHandler(INumiDb db, ControllableClock clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    private sealed record Failed(Guid PriceId, int Attempts, bool Paid, long AmountPaid, string Currency);

    public async Task<Result<RecoveryFigures>> HandleAsync(ReadRecoveryFigures query, CancellationToken ct)
    {
        var to = query.To ?? clock.GetUtcNow().UtcDateTime;
        var from = query.From ?? to.AddDays(-DefaultDays);
        if (from >= to) return Error.Invalid("from", "from must be before to.");
        if (to - from > TimeSpan.FromDays(MaxDays)) return Error.Invalid("from", $"A period lasts at most {MaxDays} days.");

        var failed = await db.Invoices.AsNoTracking()
            .Where(i => i.FirstFailedAt >= from && i.FirstFailedAt < to)
            .Join(db.Subscriptions, i => i.SubscriptionId, s => s.Id,
                (i, s) => new Failed(s.PriceId, i.AttemptCount, i.Status == InvoiceStatus.Paid, i.AmountPaid, i.Currency))
            .ToListAsync(ct);
        var prices = failed.Select(f => f.PriceId).Distinct().ToList();
        var strategies = (await db.Plans.AsNoTracking().Where(p => prices.Contains(p.PriceId)).Select(p => new { p.PriceId, p.Settings }).ToListAsync(ct))
            .ToDictionary(p => p.PriceId, p => p.Settings.Retry.Strategy);

        var byRetry = Enumerable.Range(1, failed.Count == 0 ? 0 : failed.Max(f => f.Attempts) - 1)
            .Select(k => (k, Retried: failed.Where(f => f.Attempts > k).ToList()))
            .Select(r => Row(r.Retried, f => f.Attempts == r.k + 1, (recovered, amounts, rate) => new RecoveryByRetry(r.k, r.Retried.Count, recovered, amounts, rate)))
            .ToList();
        var byStrategy = failed.GroupBy(f => strategies.GetValueOrDefault(f.PriceId, RetrySettings.Default.Strategy))
            .OrderBy(g => g.Key)
            .Select(g => Row(g.ToList(), _ => true, (recovered, amounts, rate) =>
                new RecoveryByStrategy(JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString()), g.Count(), recovered, amounts, rate)))
            .ToList();
        return new RecoveryFigures(new DateTimeOffset(from, TimeSpan.Zero).ToUnixTimeSeconds(), new DateTimeOffset(to, TimeSpan.Zero).ToUnixTimeSeconds(),
            byRetry, byStrategy);
    }

    /// <summary>Of <paramref name="invoices"/>, the paid ones that <paramref name="counts"/> recovered: how many, for how
    /// much per currency, and their share (0 to 1, four decimals).</summary>
    private static T Row<T>(List<Failed> invoices, Func<Failed, bool> counts, Func<int, IReadOnlyList<Money>, decimal, T> make)
    {
        var recovered = invoices.Where(f => f.Paid && counts(f)).ToList();
        var amounts = recovered.GroupBy(f => f.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(f => f.AmountPaid), g.Key)).ToList();
        var rate = invoices.Count == 0 ? 0m : Math.Round((decimal)recovered.Count / invoices.Count, 4, MidpointRounding.AwayFromZero);
        return make(recovered.Count, amounts, rate);
    }
}
