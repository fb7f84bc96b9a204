namespace Numi.Web.Features.Catalog;

/// <summary>Which products the catalog grid shows: a search over name and lookup key, and a status.</summary>
public sealed record CatalogFilter(string? Search, CatalogStatus Status)
{
    public static readonly CatalogFilter Default = new(null, CatalogStatus.Active);

    /// <summary>A link's <c>?q=…&amp;status=archived|all</c>; anything else is the default.</summary>
    public static CatalogFilter FromQuery(string? search, string? status) => new(
        string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        status?.ToLowerInvariant() switch { "archived" => CatalogStatus.Archived, "all" => CatalogStatus.All, _ => CatalogStatus.Active });
}

public enum CatalogStatus { Active, Archived, All }
