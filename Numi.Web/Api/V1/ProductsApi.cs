using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Catalog;

namespace Numi.Web.Api.V1;

public static class ProductsApi
{
    public sealed record ProductResponse(string Id, string Name, string? Description, ProductType Type, string? LookupKey, bool Active,
        string? GatewayProvider, string? GatewayProductId, string? Image, long Created, long Updated)
    {
        public string Object => "product";

        public static ProductResponse From(Product p) => new(p.PublicId, p.Name, p.Description, p.Type, p.LookupKey, p.Active,
            p.GatewayProvider, p.GatewayProductId, ProductImageEndpoints.UrlOf(p), p.CreatedAt.ToUnixSeconds(), p.UpdatedAt.ToUnixSeconds());
    }

    /// <summary>Create and update share one body; on update, absent fields keep their value and "" clears one.</summary>
    public sealed class ProductRequest
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public ProductType? Type { get; set; }
        public string? LookupKey { get; set; }
        public string? GatewayProvider { get; set; }
        public string? GatewayProductId { get; set; }
        public bool? Active { get; set; }
    }

    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/products", ListProductsAsync).WithName("ListProducts").WithSummary("Products, newest first; ?active=true|false filters.");
        api.MapPost("/products", CreateProductAsync).AcceptsJson<ProductRequest>().WithName("CreateProduct");
        api.MapGet("/products/{id}", GetProductAsync).WithName("GetProduct");
        api.MapPost("/products/{id}", UpdateProductAsync).AcceptsJson<ProductRequest>().WithName("UpdateProduct").WithSummary("Changes fields; active=false archives it.");
        api.MapPut("/products/{id}/image", SetImageAsync).DescribesBody<Stream>("image/png", "image/jpeg", "image/gif", "image/webp").WithName("SetProductImage")
            .WithSummary("Replaces the image: the raw PNG, JPEG, GIF or WebP bytes as the body, at most 2 MB, 16,384 pixels a side and 40 megapixels; the header is checked.");
        api.MapDelete("/products/{id}/image", DeleteImageAsync).WithName("DeleteProductImage");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ProductResponse>>, ProblemHttpResult>> ListProductsAsync(
        HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking();
        var (active, activeProblem) = ApiPaging.Flag(request, "active");
        if (activeProblem is not null) return activeProblem;
        if (active is { } wanted) products = products.Where(p => p.Active == wanted);
        return await ApiPaging.PageAsync(request, products, IdPrefixes.Product, "/api/v1/products", ProductResponse.From, ct);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> CreateProductAsync(
        HttpRequest request, CreateProductHandler handler, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<ProductRequest>(request);
        if (problem is not null) return problem;
        if (body!.Active == false) return ApiProblem.Result(400, ErrorCodes.ParameterInvalid, "A new product is active; archive it afterwards.", "active");
        var fields = new ProductFields(body.Name, body.Description, body.Type, body.LookupKey, body.GatewayProvider, body.GatewayProductId);
        var result = await handler.HandleAsync(new CreateProduct(fields), ct);
        return result.Succeeded ? TypedResults.Ok(ProductResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetProductAsync(string id, NumiDbContext db, CancellationToken ct)
    {
        var product = await FindAsync(db, id, ct);
        return product is null ? NoSuchProduct(id) : TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> UpdateProductAsync(
        string id, HttpRequest request, NumiDbContext db, UpdateProductHandler update, SetProductArchivedHandler archive, CancellationToken ct)
    {
        var product = await FindAsync(db, id, ct);
        if (product is null) return NoSuchProduct(id);
        var (body, problem) = await ApiJson.ReadAsync<ProductRequest>(request);
        if (problem is not null) return problem;

        var fields = new ProductFields(body!.Name ?? product.Name, body.Description ?? product.Description, body.Type ?? product.Type,
            body.LookupKey ?? product.LookupKey, body.GatewayProvider ?? product.GatewayProvider, body.GatewayProductId ?? product.GatewayProductId);
        var updated = await update.HandleAsync(new UpdateProduct(product.Id, fields), ct);
        if (!updated.Succeeded) return ApiProblem.From(updated.Errors);
        if (body.Active is { } active)
        {
            var archived = await archive.HandleAsync(new SetProductArchived(product.Id, !active), ct);
            if (!archived.Succeeded) return ApiProblem.From(archived.Errors);
        }
        return TypedResults.Ok(ProductResponse.From(updated.Value));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> SetImageAsync(
        string id, HttpRequest request, NumiDbContext db, SetProductImageHandler handler, CancellationToken ct)
    {
        var product = await FindAsync(db, id, ct);
        if (product is null) return NoSuchProduct(id);
        if (request.ContentLength > ImageFile.MaxBytes)
            return ApiProblem.Result(413, ErrorCodes.ParameterInvalid, "The image is larger than 2 MB.", "image");
        var content = await ReadLimitedAsync(request.Body, ImageFile.MaxBytes + 1, ct);
        var result = await handler.HandleAsync(new SetProductImage(product.Id, content), ct);
        return result.Succeeded ? TypedResults.Ok(ProductResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> DeleteImageAsync(
        string id, NumiDbContext db, SetProductImageHandler handler, CancellationToken ct)
    {
        var product = await FindAsync(db, id, ct);
        if (product is null) return NoSuchProduct(id);
        var result = await handler.HandleAsync(new SetProductImage(product.Id, null), ct);
        return result.Succeeded ? TypedResults.Ok(ProductResponse.From(result.Value)) : ApiProblem.From(result.Errors);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes, so an oversized upload without a length costs no more.</summary>
    internal static async Task<byte[]> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    internal static async Task<Product?> FindAsync(NumiDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Product, id, out var key) ? await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == key, ct) : null;

    private static ProblemHttpResult NoSuchProduct(string id) => ApiProblem.Result(404, ErrorCodes.ResourceMissing, $"No such product: '{id}'.", "id");
}

internal static class UnixTime
{
    public static long ToUnixSeconds(this DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
