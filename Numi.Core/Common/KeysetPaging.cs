namespace Numi.Core.Common;

/// <summary>A row listed newest first: its creation time, with the id breaking ties.</summary>
public interface ICreatedInOrder
{
    Guid Id { get; }
    DateTime CreatedAt { get; }
}

public static class KeysetPaging
{
    /// <summary>Newest first, with the id breaking ties so every row has one place in the order.</summary>
    public static IOrderedQueryable<T> NewestFirst<T>(this IQueryable<T> rows) where T : ICreatedInOrder =>
        rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

    /// <summary>The rows that come after the cursor in <see cref="NewestFirst{T}"/> order (keyset paging: stable while
    /// rows are added, no OFFSET scan).</summary>
    public static IQueryable<T> After<T>(this IQueryable<T> rows, DateTime createdAt, Guid id) where T : ICreatedInOrder =>
        rows.Where(r => r.CreatedAt < createdAt || (r.CreatedAt == createdAt && r.Id.CompareTo(id) < 0));
}
