using Numi.Contracts.Reporting;
using Numi.Web.Client.Dashboard;

namespace Numi.Web.Tests.Interactive;

/// <summary>An <see cref="IDashboardData"/> with given figures that counts how often they were read.</summary>
public sealed class FakeDashboardData(DashboardFigures figures, RecoveryFigures? recovery = null) : IDashboardData
{
    public static RecoveryFigures NoFailures { get; } = new(0, 2_592_000, [], []);

    public int Reads { get; private set; }

    public Task<DashboardFigures> ReadAsync(CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(figures);
    }

    public Task<RecoveryFigures> ReadRecoveryAsync(CancellationToken ct) => Task.FromResult(recovery ?? NoFailures);
}
