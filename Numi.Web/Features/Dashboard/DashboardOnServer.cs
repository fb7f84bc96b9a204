using Numi.Contracts.Reporting;
using Numi.Core.Reporting;
using Numi.Web.Client.Dashboard;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Dashboard;

/// <summary><see cref="IDashboardData"/> on the server: Core's queries in their own scope.</summary>
internal sealed class DashboardOnServer(CircuitOperations operations) : IDashboardData
{
    public Task<DashboardFigures> ReadAsync(CancellationToken ct) =>
        operations.RunAsync(services => services.GetRequiredService<ReadDashboardHandler>().HandleAsync(ct), ct);

    /// <summary>The default period always validates: only a period given from outside can be refused.</summary>
    public Task<RecoveryFigures> ReadRecoveryAsync(CancellationToken ct) =>
        operations.RunAsync(async services => (await services.GetRequiredService<ReadRecoveryFiguresHandler>().HandleAsync(new ReadRecoveryFigures(), ct)).Value, ct);
}
