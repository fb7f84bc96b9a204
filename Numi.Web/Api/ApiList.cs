using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Common;

namespace Numi.Web.Api;

/// <summary>Stripe's list envelope: <c>{ "object": "list", "data": [...], "has_more": bool, "url": … }</c>.</summary>
public sealed record ApiList<T>(IReadOnlyList<T> Data, bool HasMore, string Url)
{
    public string Object => "list";
}

/// <summary><c>?limit=</c> (1–100, default 10) and <c>?starting_after=</c> (an id of the listed resource).</summary>
public sealed record ListQuery(int Limit, Guid? StartingAfter)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static (ListQuery? Query, ProblemHttpResult? Problem) Parse(HttpRequest request, string idPrefix)
    {
        var limit = DefaultLimit;
        var rawLimit = request.Query["limit"].ToString();
        if (rawLimit.Length > 0 && (!int.TryParse(rawLimit, out limit) || limit is < 1 or > MaxLimit))
            return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"limit must be an integer from 1 to {MaxLimit}.", "limit"));

        Guid? after = null;
        var rawAfter = request.Query["starting_after"].ToString();
        if (rawAfter.Length > 0)
        {
            if (!PublicId.TryParse(idPrefix, rawAfter, out after))
                return (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"starting_after must be an id starting with {idPrefix}_.", "starting_after"));
        }
        return (new ListQuery(limit, after), null);
    }
}
