using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>Replaces (or, with no content, removes) a product's image. The type is read from the bytes.</summary>
public sealed record SetProductImage(Guid ProductId, byte[]? Content);

public sealed class SetProductImageHandler(INumiDb db, ControllableClock clock)
{
    /// <summary>Saves tried before a lost race is let through; each loss means another request saved in between, so a
    /// handful is plenty even for a burst of uploads.</summary>
    private const int MaxAttempts = 10;

    public async Task<Result<Product>> HandleAsync(SetProductImage command, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, ct);
        if (product is null) return Error.NotFound("This product does not exist.", "id");

        ImageFile? file = null;
        if (command.Content is not null)
        {
            var read = ImageFile.Read(command.Content);
            if (!read.Succeeded) return Result<Product>.Failure(read.Errors);
            file = read.Value;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var version = file is null ? null : Guid.CreateVersion7().ToString("N")[^12..];
        for (var attempt = 1; ; attempt++)
        {
            var image = await db.ProductImages.FirstOrDefaultAsync(i => i.ProductId == product.Id, ct);
            var tracked = Apply(image, product.Id, file, command.Content, now);
            product.ImageChanged(version, now);
            try
            {
                await db.SaveChangesAsync(ct);
                return product;
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts && db.IsLostRace(e))
            {
                // Another request added, replaced or removed this image between the read and the save (its key is the
                // product, so two first uploads collide): read it again and apply this one on top, so the last wins.
                if (tracked is not null) db.Entry(tracked).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Puts the change in the unit of work and returns the image entity it tracks, if any.</summary>
    private ProductImage? Apply(ProductImage? image, Guid productId, ImageFile? file, byte[]? content, DateTime now)
    {
        if (file is null)
        {
            if (image is not null) db.ProductImages.Remove(image);
            return image;
        }
        if (image is null)
        {
            image = ProductImage.Create(productId, file.ContentType, content!, now);
            db.ProductImages.Add(image);
        }
        else image.Replace(file.ContentType, content!, now);
        return image;
    }
}
