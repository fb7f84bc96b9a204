using Numi.Contracts.Reporting;
using Numi.Web.Client.Dashboard;

namespace Numi.Web.Tests.Interactive;

/// <summary>An <see cref="IDashboardData"/> with given figures that counts how often they were read.</summary>
public sealed class FakeDashboardData(DashboardFigures figures) : IDashboardData
{
    public int Reads { get; private set; }

    public Task<DashboardFigures> ReadAsync(CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(figures);
    }
}
