using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>Something a merchant sells. The catalog issue grows this; the foundation lists it through the API.</summary>
public sealed class Product : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public bool Active { get; private set; } = true;
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Product() { }

    public static Product Create(Guid organizationId, string name, string? description, DateTime now) => new()
    {
        OrganizationId = organizationId,
        Name = name.Trim(),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public string PublicId => Common.PublicId.Format(IdPrefixes.Product, Id);
}
