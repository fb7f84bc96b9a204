using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Reporting;
using Numi.Core.Reporting;

namespace Numi.Web.Api.V1;

public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", ReadDashboardAsync).WithName("GetDashboard")
            .WithSummary("This month's figures: revenue net of refunds, active subscriptions, products, members and API keys.");
        return api;
    }

    private static async Task<Ok<DashboardFigures>> ReadDashboardAsync(ReadDashboardHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(ct));
}
