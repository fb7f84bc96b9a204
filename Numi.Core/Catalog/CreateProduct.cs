using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Catalog;

public sealed record CreateProduct(ProductFields Fields);

public sealed class CreateProductHandler(INumiDb db, ITenantContext tenant, IValidator<ProductFields> validator, ControllableClock clock)
{
    public async Task<Result<Product>> HandleAsync(CreateProduct command, CancellationToken ct)
    {
        var errors = validator.Check(command.Fields);
        if (errors.Count > 0) return Result<Product>.Failure(errors);
        if (await ProductLookupKeys.TakenAsync(db, command.Fields.LookupKey, null, ct) is { } taken) return taken;

        var now = clock.GetUtcNow().UtcDateTime;
        var product = Product.Create(tenant.OrganizationId!.Value, command.Fields.Name!, command.Fields.Description, now);
        product.Update(command.Fields with { Type = command.Fields.Type ?? ProductType.Standard }, now);
        db.Products.Add(product);
        return await ProductLookupKeys.SaveAsync(db, product, ct);
    }
}

internal static class ProductLookupKeys
{
    public static async Task<Error?> TakenAsync(INumiDb db, string? lookupKey, Guid? except, CancellationToken ct)
    {
        if (Product.NormalizeLookupKey(lookupKey) is not { } key) return null;
        return await db.Products.AnyAsync(p => p.NormalizedLookupKey == key && p.Id != except, ct) ? Duplicate(lookupKey!.Trim()) : null;
    }

    /// <summary>Saves, turning a lost race on the unique (organization, lookup key) index into the same error
    /// the check above gives.</summary>
    public static async Task<Result<Product>> SaveAsync(INumiDb db, Product product, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return product;
        }
        catch (DbUpdateException e) when (product.LookupKey is not null && db.IsUniqueKeyRace(e))
        {
            if (await TakenAsync(db, product.LookupKey, product.Id, ct) is { } taken) return taken;
            throw;
        }
    }

    private static Error Duplicate(string key) => Error.Invalid("lookup_key", $"Another product already has the lookup key '{key}' (lookup keys are the same whatever their case).");
}
