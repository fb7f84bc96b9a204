using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>A product's picture, kept in the database so every web node serves the same bytes.</summary>
public sealed class ProductImage : IOrganizationOwned
{
    public const int MaxBytes = 2 * 1024 * 1024;

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

    /// <summary>The image type read from the file's first bytes (never from its name or the browser's claim):
    /// PNG, JPEG, GIF or WebP, else null.</summary>
    public static string? SniffContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "image/gif";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
