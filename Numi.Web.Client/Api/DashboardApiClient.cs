using Numi.Contracts.Reporting;

namespace Numi.Web.Client.Api;

internal sealed class DashboardApiClient(NumiApiClient api) : Dashboard.IDashboardData
{
    public Task<DashboardFigures> ReadAsync(CancellationToken ct) => api.GetAsync<DashboardFigures>("api/v1/dashboard", ct);

    public Task<RecoveryFigures> ReadRecoveryAsync(CancellationToken ct) => api.GetAsync<RecoveryFigures>("api/v1/reports/recovery", ct);
}
