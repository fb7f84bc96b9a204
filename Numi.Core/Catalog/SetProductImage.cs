using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>Replaces (or, with no content, removes) a product's image. The type is read from the bytes.</summary>
public sealed record SetProductImage(Guid ProductId, byte[]? Content);

public sealed class SetProductImageHandler(INumiDb db, TimeProvider clock)
{
    public async Task<Result<Product>> HandleAsync(SetProductImage command, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, ct);
        if (product is null) return Error.NotFound("This product does not exist.", "id");
        var now = clock.GetUtcNow().UtcDateTime;
        var image = await db.ProductImages.FirstOrDefaultAsync(i => i.ProductId == product.Id, ct);

        if (command.Content is null)
        {
            if (image is not null) db.ProductImages.Remove(image);
            product.ImageChanged(null, now);
            await db.SaveChangesAsync(ct);
            return product;
        }

        if (command.Content.Length == 0) return Error.Invalid("image", "The image file is empty.");
        if (command.Content.Length > ProductImage.MaxBytes)
            return Error.Invalid("image", $"The image is {command.Content.Length / 1024:N0} KB; the largest allowed is {ProductImage.MaxBytes / 1024 / 1024} MB.");
        var contentType = ProductImage.SniffContentType(command.Content);
        if (contentType is null) return Error.Invalid("image", "The image must be a PNG, JPEG, GIF or WebP file.");

        if (image is null) db.ProductImages.Add(ProductImage.Create(product.Id, contentType, command.Content, now));
        else image.Replace(contentType, command.Content, now);
        product.ImageChanged(Guid.CreateVersion7().ToString("N")[^12..], now);
        await db.SaveChangesAsync(ct);
        return product;
    }
}
