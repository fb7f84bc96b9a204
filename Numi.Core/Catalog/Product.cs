using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>Something a merchant sells. What it costs lives on its <see cref="Price"/>s.</summary>
public sealed class Product : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public ProductType Type { get; private set; }
    /// <summary>A stable name the merchant's own code can find the product by, unique in the organization.</summary>
    public string? LookupKey { get; private set; }
    /// <summary><see cref="LookupKey"/> upper-cased (invariant): the unique index is on this, so keys differing only in
    /// case are the same key on every database.</summary>
    public string? NormalizedLookupKey { get; private set; }
    public bool Active { get; private set; } = true;
    public DateTime? ArchivedAt { get; private set; }
    public string? GatewayProvider { get; private set; }
    public string? GatewayProductId { get; private set; }
    /// <summary>Changes whenever the image does, so its URL can be cached for ever.</summary>
    public string? ImageVersion { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Product() { }

    public static Product Create(Guid organizationId, string name, string? description, DateTime now) => new()
    {
        OrganizationId = organizationId,
        Name = name.Trim(),
        Description = Clean(description),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public string PublicId => Common.PublicId.Format(IdPrefixes.Product, Id);

    public static string? NormalizeLookupKey(string? key) => string.IsNullOrWhiteSpace(key) ? null : key.Trim().ToUpperInvariant();

    public void Update(ProductFields fields, DateTime now)
    {
        Name = fields.Name!.Trim();
        Description = Clean(fields.Description);
        Type = fields.Type ?? Type;
        LookupKey = Clean(fields.LookupKey);
        NormalizedLookupKey = NormalizeLookupKey(LookupKey);
        GatewayProvider = Clean(fields.GatewayProvider);
        GatewayProductId = Clean(fields.GatewayProductId);
        UpdatedAt = now;
    }

    public void Archive(DateTime now)
    {
        if (!Active) return;
        Active = false;
        ArchivedAt = now;
        UpdatedAt = now;
    }

    public void Restore(DateTime now)
    {
        if (Active) return;
        Active = true;
        ArchivedAt = null;
        UpdatedAt = now;
    }

    public void ImageChanged(string? version, DateTime now)
    {
        ImageVersion = version;
        UpdatedAt = now;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
