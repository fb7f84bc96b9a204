using Numi.Contracts.Reporting;

namespace Numi.Web.Client.Dashboard;

/// <summary>The dashboard's figures for the current organization: Core's queries on the server, <c>GET /api/v1/dashboard</c>
/// and <c>GET /api/v1/reports/recovery</c> in the browser.</summary>
public interface IDashboardData
{
    Task<DashboardFigures> ReadAsync(CancellationToken ct);

    /// <summary>Recovery of failed renewals over the last 30 days.</summary>
    Task<RecoveryFigures> ReadRecoveryAsync(CancellationToken ct);
}
