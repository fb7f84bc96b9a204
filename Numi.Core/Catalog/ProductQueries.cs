namespace Numi.Core.Catalog;

public static class ProductQueries
{
    /// <summary>Newest first, with the id breaking ties so every product has one place in the order.</summary>
    public static IOrderedQueryable<Product> NewestFirst(this IQueryable<Product> products) =>
        products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

    /// <summary>The products that come after the cursor in <see cref="NewestFirst"/> order (keyset paging:
    /// stable while rows are added, no OFFSET scan).</summary>
    public static IQueryable<Product> After(this IQueryable<Product> products, DateTime createdAt, Guid id) =>
        products.Where(p => p.CreatedAt < createdAt || (p.CreatedAt == createdAt && p.Id.CompareTo(id) < 0));
}
