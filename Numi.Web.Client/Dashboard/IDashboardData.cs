using Numi.Contracts.Reporting;

namespace Numi.Web.Client.Dashboard;

/// <summary>The dashboard's figures for the current organization: Core's query on the server, <c>GET /api/v1/dashboard</c>
/// in the browser.</summary>
public interface IDashboardData
{
    Task<DashboardFigures> ReadAsync(CancellationToken ct);
}
