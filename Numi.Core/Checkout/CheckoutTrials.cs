using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Checkout;

/// <summary>The trial step of <see cref="CheckoutPricing"/>: a recurring price whose plan (not archived) has trial days
/// starts its subscription in trial, charged nothing today. Carts without a recurring line read nothing.</summary>
public sealed class CheckoutTrials(INumiDb db)
{
    public async Task<CheckoutCart> ApplyAsync(CheckoutCart cart, CancellationToken ct)
    {
        var recurring = cart.Lines.Where(l => l.Price.IsRecurring).Select(l => l.Price.Id).ToList();
        if (recurring.Count == 0) return cart;
        var trials = (await db.Plans.AsNoTracking().Where(p => recurring.Contains(p.PriceId) && p.ArchivedAt == null)
                .Select(p => new { p.PriceId, p.Settings }).ToListAsync(ct))
            .Where(p => p.Settings.TrialDays > 0)
            .ToDictionary(p => p.PriceId, p => p.Settings.TrialDays);
        return trials.Count == 0 ? cart : cart.WithTrials(trials);
    }
}
