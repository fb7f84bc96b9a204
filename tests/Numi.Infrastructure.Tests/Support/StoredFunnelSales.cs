using Numi.Core.Funnels.Events;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>A sale's events stored at once, with their rollup, through the checkout's own context (no writer runs in
/// these tests): what the app's queue does a moment later.</summary>
internal sealed class StoredFunnelSales(NumiDbContext db) : IFunnelSaleEvents
{
    public async Task RecordAsync(IReadOnlyList<AcceptedFunnelEvent> events, CancellationToken ct)
    {
        await db.AddFunnelEventsOfAnyOrganizationAsync([.. events.Select(EfFunnelEventStore.RowOf)], ct);
        await db.SaveChangesAsync(ct);
    }
}
