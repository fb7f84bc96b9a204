using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Api.V1;

public static class ProductsApi
{
    public sealed record ProductResponse(string Id, string Name, string? Description, bool Active, long Created, long Updated)
    {
        public string Object => "product";

        public static ProductResponse From(Product p) => new(p.PublicId, p.Name, p.Description, p.Active,
            new DateTimeOffset(p.CreatedAt).ToUnixTimeSeconds(), new DateTimeOffset(p.UpdatedAt).ToUnixTimeSeconds());
    }

    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/products", ListProductsAsync).WithName("ListProducts").WithSummary("Products, newest first.");
        api.MapGet("/products/{id}", GetProductAsync).WithName("GetProduct");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ProductResponse>>, ProblemHttpResult>> ListProductsAsync(
        HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var (query, problem) = ListQuery.Parse(request, IdPrefixes.Product);
        if (problem is not null) return problem;

        var products = db.Products.AsNoTracking();
        if (query!.StartingAfter is { } afterId)
        {
            var cursor = await products.Where(p => p.Id == afterId).Select(p => new { p.CreatedAt, p.Id }).FirstOrDefaultAsync(ct);
            if (cursor is null)
                return ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such product: '{request.Query["starting_after"]}'.", "starting_after");
            products = products.After(cursor.CreatedAt, cursor.Id);
        }

        var page = await products.NewestFirst().Take(query.Limit + 1).ToListAsync(ct);
        var data = page.Take(query.Limit).Select(ProductResponse.From).ToList();
        return TypedResults.Ok(new ApiList<ProductResponse>(data, page.Count > query.Limit, "/api/v1/products"));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetProductAsync(
        string id, NumiDbContext db, CancellationToken ct)
    {
        var product = PublicId.TryParse(IdPrefixes.Product, id, out var key)
            ? await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == key, ct)
            : null;
        return product is null
            ? ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such product: '{id}'.", "id")
            : TypedResults.Ok(ProductResponse.From(product));
    }
}
