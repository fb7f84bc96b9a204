using System.Net;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels.Analytics;

namespace Numi.Web.Client.Api;

internal sealed class FunnelAnalyticsApiClient(NumiApiClient api) : IFunnelAnalyticsData
{
    public async Task<FunnelStats?> ReadAsync(string funnelId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        try
        {
            return await api.GetAsync<FunnelStats>(FunnelStatsQuery.Path(funnelId, from, to), ct);
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Another organization's funnel, or one that never was: the page shows "not found", not an error.
            return null;
        }
    }
}
