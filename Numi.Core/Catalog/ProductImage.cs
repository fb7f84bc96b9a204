using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>A product's picture, kept in the database so every web node serves the same bytes.</summary>
public sealed class ProductImage : IOrganizationOwned
{
    public Guid ProductId { get; private set; }
    public Guid OrganizationId { get; set; }
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTime UpdatedAt { get; private set; }

    private ProductImage() { }

    public static ProductImage Create(Guid productId, string contentType, byte[] content, DateTime now) => new()
    {
        ProductId = productId,
        ContentType = contentType,
        Content = content,
        UpdatedAt = now,
    };

    public void Replace(string contentType, byte[] content, DateTime now)
    {
        ContentType = contentType;
        Content = content;
        UpdatedAt = now;
    }
}
