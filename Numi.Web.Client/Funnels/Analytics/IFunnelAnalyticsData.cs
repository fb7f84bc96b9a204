using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels.Analytics;

/// <summary>A funnel's analytics for the current organization: Core's query on the server,
/// <c>GET /api/v1/funnels/{id}/stats</c> in the browser.</summary>
public interface IFunnelAnalyticsData
{
    /// <summary>The figures for UTC dates [<paramref name="from"/>, <paramref name="to"/>) (the last 30 days when
    /// null); null when the organization has no such funnel.</summary>
    Task<FunnelStats?> ReadAsync(string funnelId, DateOnly? from, DateOnly? to, CancellationToken ct);
}
