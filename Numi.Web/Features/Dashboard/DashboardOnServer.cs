using Numi.Contracts.Reporting;
using Numi.Core.Reporting;
using Numi.Web.Client.Dashboard;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Dashboard;

/// <summary><see cref="IDashboardData"/> on the server: Core's query in its own scope.</summary>
internal sealed class DashboardOnServer(CircuitOperations operations) : IDashboardData
{
    public Task<DashboardFigures> ReadAsync(CancellationToken ct) =>
        operations.RunAsync(services => services.GetRequiredService<ReadDashboardHandler>().HandleAsync(ct), ct);
}
