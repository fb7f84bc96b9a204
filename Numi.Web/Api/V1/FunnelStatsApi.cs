using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Funnels;
using Numi.Core.Common;
using Numi.Core.Funnels.Analytics;

namespace Numi.Web.Api.V1;

/// <summary>A funnel's analytics: visitors, drop-off per step, checkouts, revenue and each tested step's A/B comparison,
/// as JSON or as a CSV file with one row per step and arm.</summary>
public static class FunnelStatsApi
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static RouteGroupBuilder MapFunnelStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/funnels/{id}/stats", ReadStatsAsync).WithName("GetFunnelStats")
            .WithSummary("Visitors, steps, checkouts, revenue and A/B comparisons for UTC dates `from` (inclusive) to `to` " +
                "(exclusive), yyyy-MM-dd; the last 30 days by default, at most 366.");
        api.MapGet("/funnels/{id}/stats.csv", ExportStatsAsync).WithName("ExportFunnelStats")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .WithSummary("The same figures as CSV, one row per step and variant.");
        return api;
    }

    private static async Task<Results<Ok<FunnelStats>, ProblemHttpResult>> ReadStatsAsync(string id, HttpRequest request,
        ReadFunnelAnalyticsHandler handler, CancellationToken ct)
    {
        var (stats, problem) = await ReadAsync(id, request, handler, ct);
        return stats is null ? problem! : TypedResults.Ok(stats);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportStatsAsync(string id, HttpRequest request,
        ReadFunnelAnalyticsHandler handler, CancellationToken ct)
    {
        var (stats, problem) = await ReadAsync(id, request, handler, ct);
        if (stats is null) return problem!;
        var name = string.Create(Invariant, $"{stats.FunnelId}-{stats.From:yyyy-MM-dd}-{stats.To:yyyy-MM-dd}.csv");
        return TypedResults.File(Encoding.UTF8.GetBytes(FunnelStatsCsv.Write(stats)), "text/csv; charset=utf-8", name);
    }

    private static async Task<(FunnelStats? Stats, ProblemHttpResult? Problem)> ReadAsync(string id, HttpRequest request,
        ReadFunnelAnalyticsHandler handler, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Funnel, id, out var funnelId)) return (null, NoSuchFunnel(id));
        if (!TryDate(request, "from", out var from, out var problem) || !TryDate(request, "to", out var to, out problem)) return (null, problem);
        var result = await handler.HandleAsync(new ReadFunnelAnalytics(funnelId.Value, from, to), ct);
        if (result.Succeeded) return (result.Value, null);
        return (null, result.Errors.Any(e => e.Code == ErrorCodes.ResourceMissing) ? NoSuchFunnel(id) : ApiProblem.From(result.Errors));
    }

    private static ProblemHttpResult NoSuchFunnel(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such funnel: '{id}'.", "id");

    /// <summary>An optional UTC date named <paramref name="name"/>; anything but yyyy-MM-dd is a 400 naming it.</summary>
    private static bool TryDate(HttpRequest request, string name, out DateOnly? date, out ProblemHttpResult? problem)
    {
        date = null;
        problem = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0) return true;
        if (DateOnly.TryParseExact(text, DateFormat, Invariant, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        problem = ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"{name} must be a date as yyyy-MM-dd.", name);
        return false;
    }
}
