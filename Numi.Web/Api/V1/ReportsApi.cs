using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Contracts.Reporting;
using Numi.Core.Common;
using Numi.Core.Reporting;

namespace Numi.Web.Api.V1;

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/recovery", ReadRecoveryAsync).WithName("GetRecoveryReport")
            .WithSummary("Failed renewals won back, by retry and by retry strategy, for invoices whose first attempt failed from " +
                "`from` to `to` (Unix seconds; the last 30 days by default, at most 366).");
        return api;
    }

    private static async Task<Results<Ok<RecoveryFigures>, ProblemHttpResult>> ReadRecoveryAsync(HttpRequest request, ReadRecoveryFiguresHandler handler,
        CancellationToken ct)
    {
        if (!TryTime(request, "from", out var from, out var fromProblem)) return fromProblem;
        if (!TryTime(request, "to", out var to, out var toProblem)) return toProblem;
        var result = await handler.HandleAsync(new ReadRecoveryFigures(from, to), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblem.From(result.Errors);
    }

    /// <summary>An optional Unix time in seconds named <paramref name="name"/>; a value that is not one is a 400 naming it.</summary>
    private static bool TryTime(HttpRequest request, string name, out DateTime? time, out ProblemHttpResult problem)
    {
        time = null;
        problem = null!;
        var text = request.Query[name].ToString();
        if (text.Length == 0) return true;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
            return true;
        }
        problem = ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"{name} must be a Unix time in seconds.", name);
        return false;
    }
}
