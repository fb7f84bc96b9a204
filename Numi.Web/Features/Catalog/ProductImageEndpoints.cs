using Numi.Core.Tenancy;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Catalog;

/// <summary>Product images are public (checkout pages show them), served from the database with a versioned URL
/// so browsers and proxies may cache them for a year.</summary>
public static class ProductImageEndpoints
{
    public static string? UrlOf(Product product) => UrlOf(product.PublicId, product.ImageVersion);

    public static string? UrlOf(string productId, string? imageVersion) =>
        imageVersion is null ? null : $"/media/products/{productId}/{imageVersion}";

    public static void MapProductImages(this IEndpointRouteBuilder app) =>
        app.MapGet("/media/products/{id}/{version}", GetImageAsync).AllowAnonymous().ExcludeFromDescription();

    /// <summary>Public (checkout pages and e-mails show it): see <see cref="AcrossTenants.FindPublicProductImageAsync"/>.</summary>
    private static async Task<IResult> GetImageAsync(string id, string version, NumiDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Product, id, out var productId)) return Results.NotFound();
        var image = await db.FindPublicProductImageAsync(productId.Value, version, ct);
        if (image is null) return Results.NotFound();
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(image.Content, image.ContentType);
    }
}
