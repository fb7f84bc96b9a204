using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Web.Api;

public static class ApiPaging
{
    /// <summary>An optional true/false query parameter such as <c>?active=</c>: null when absent, a problem when neither.</summary>
    public static (bool? Value, ProblemHttpResult? Problem) Flag(HttpRequest request, string name) => request.Query[name].ToString() switch
    {
        "" => (null, null),
        "true" => (true, null),
        "false" => (false, null),
        _ => (null, ApiProblem.Result(400, ErrorCodes.ParameterInvalid, $"{name} must be true or false.", name)),
    };

    /// <summary>One page of <paramref name="rows"/> newest first, after the <c>starting_after</c> row when given.
    /// An unknown cursor (or one of another organization, which the tenant filter hides) is a 404 on the parameter.</summary>
    public static Task<Results<Ok<ApiList<TResponse>>, ProblemHttpResult>> PageAsync<TEntity, TResponse>(
        HttpRequest request, IQueryable<TEntity> rows, string idPrefix, string url, Func<TEntity, TResponse> map, CancellationToken ct)
        where TEntity : class, ICreatedInOrder =>
        PageAsync(request, rows, idPrefix, url, (entity, _) => Task.FromResult(map(entity)), ct);

    /// <summary>As the other, with a map that reads more (one row at a time, in page order).</summary>
    public static async Task<Results<Ok<ApiList<TResponse>>, ProblemHttpResult>> PageAsync<TEntity, TResponse>(
        HttpRequest request, IQueryable<TEntity> rows, string idPrefix, string url, Func<TEntity, CancellationToken, Task<TResponse>> map, CancellationToken ct)
        where TEntity : class, ICreatedInOrder
    {
        var (query, problem) = ListQuery.Parse(request, idPrefix);
        if (problem is not null) return problem;

        if (query!.StartingAfter is { } afterId)
        {
            var cursor = await rows.Where(r => r.Id == afterId).Select(r => new { r.CreatedAt, r.Id }).FirstOrDefaultAsync(ct);
            if (cursor is null)
                return ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such object: '{request.Query["starting_after"]}'.", "starting_after");
            rows = rows.After(cursor.CreatedAt, cursor.Id);
        }

        var page = await rows.NewestFirst().Take(query.Limit + 1).ToListAsync(ct);
        var data = new List<TResponse>(Math.Min(page.Count, query.Limit));
        foreach (var row in page.Take(query.Limit)) data.Add(await map(row, ct));
        return TypedResults.Ok(new ApiList<TResponse>(data, page.Count > query.Limit, url));
    }
}
