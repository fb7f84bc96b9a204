using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels.Analytics;
using Numi.Web.Client.Funnels.Analytics;
using Numi.Web.Interactive;

namespace Numi.Web.Features.FunnelAnalytics;

/// <summary><see cref="IFunnelAnalyticsData"/> on the server: Core's query in its own scope.</summary>
internal sealed class FunnelAnalyticsOnServer(CircuitOperations operations) : IFunnelAnalyticsData
{
    /// <summary>The page only asks for periods its picker allows, so a refused period reads as no figures, like a
    /// funnel that is not there.</summary>
    public async Task<FunnelStats?> ReadAsync(string funnelId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Funnel, funnelId, out var id)) return null;
        var result = await operations.RunAsync(services =>
            services.GetRequiredService<ReadFunnelAnalyticsHandler>().HandleAsync(new ReadFunnelAnalytics(id.Value, from, to), ct), ct);
        return result.Succeeded ? result.Value : null;
    }
}
