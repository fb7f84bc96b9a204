using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Tenancy;

/// <summary>A product's image as served publicly.</summary>
public sealed record PublicImage(string ContentType, byte[] Content);

public static partial class AcrossTenants
{
    /// <summary>Product images are public (checkout pages and e-mails show them): the image of this product at this
    /// version. The id and the version must both match, so an old or guessed link finds nothing.</summary>
    public static Task<PublicImage?> FindPublicProductImageAsync(this INumiDb db, Guid productId, string version, CancellationToken ct) =>
        (from product in db.Products.IgnoreQueryFilters()
         join picture in db.ProductImages.IgnoreQueryFilters() on product.Id equals picture.ProductId
         where product.Id == productId && product.ImageVersion == version
         select new PublicImage(picture.ContentType, picture.Content)).AsNoTracking().FirstOrDefaultAsync(ct);
}
