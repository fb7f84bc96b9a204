using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

public static class PlanLookup
{
    /// <summary>The settings of the plan whose price is <paramref name="priceId"/>, or the defaults for a price that is no
    /// plan: a subscription bought before its price became a plan still gets the standard campaign and retries.</summary>
    public static async Task<PlanSettings> PlanSettingsAsync(this INumiDb db, Guid priceId, CancellationToken ct) =>
        await db.Plans.AsNoTracking().Where(p => p.PriceId == priceId).Select(p => p.Settings).FirstOrDefaultAsync(ct) ?? PlanSettings.Default;
}
