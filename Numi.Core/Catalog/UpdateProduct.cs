using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

public sealed record UpdateProduct(Guid ProductId, ProductFields Fields);

public sealed class UpdateProductHandler(INumiDb db, IValidator<ProductFields> validator, ControllableClock clock)
{
    public async Task<Result<Product>> HandleAsync(UpdateProduct command, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == command.ProductId, ct);
        if (product is null) return Error.NotFound("This product does not exist.", "id");

        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<Product>.Failure(errors);
        if (await ProductLookupKeys.TakenAsync(db, command.Fields.LookupKey, product.Id, ct) is { } taken) return taken;

        product.Update(command.Fields, clock.GetUtcNow().UtcDateTime);
        return await ProductLookupKeys.SaveAsync(db, product, ct);
    }
}
