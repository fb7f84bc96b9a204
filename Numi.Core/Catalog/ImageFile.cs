using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>An uploaded picture as its bytes describe it: the type and the pixel size read from the file's own header,
/// never from its name or the browser's claim. Checking the first bytes alone let a six-byte <c>GIF89a</c> through,
/// so the header is walked: every declared length must fit the body, the dimensions must be sane, and a small file
/// declaring a huge canvas (a decompression bomb for whoever decodes it) is refused.
/// <para>Only headers are read, never pixels: no managed image library served to this build decodes all four formats
/// well, a native one (libvips, ImageMagick, SkiaSharp's Skia) is a large attack surface to add for a check, and the
/// browser that shows the image decodes it anyway. A file whose header is sound but whose pixel data is corrupt is
/// therefore stored, and shows as a broken image.</para></summary>
public sealed record ImageFile(string ContentType, int Width, int Height)
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxSide = 16_384;
    public const long MaxPixels = 40_000_000;

    public static Result<ImageFile> Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return Invalid("The image file is empty.");
        if (bytes.Length > MaxBytes)
            return Invalid($"The image is {bytes.Length / 1024:N0} KB; the largest allowed is {MaxBytes / 1024 / 1024} MB.");

        var (format, header) = Parse(bytes);
        if (format is null) return Invalid("The image must be a PNG, JPEG, GIF or WebP file.");
        if (header.Problem is { } problem) return Invalid($"This {format.Name} file is damaged or incomplete: {problem}.");
        var (width, height) = (header.Width, header.Height);
        if (width is < 1 or > MaxSide || height is < 1 or > MaxSide)
            return Invalid($"The image is {width:N0}×{height:N0} pixels; each side must be 1 to {MaxSide:N0} pixels.");
        if ((long)width * height > MaxPixels)
            return Invalid($"The image is {width:N0}×{height:N0} pixels ({(long)width * height / 1_000_000:N0} megapixels); at most {MaxPixels / 1_000_000} megapixels are allowed.");
        return new ImageFile(format.ContentType, (int)width, (int)height);
    }

    private static (ImageFormat? Format, ImageHeader Header) Parse(ReadOnlySpan<byte> bytes)
    {
        foreach (var format in ImageFormat.All)
            if (format.Matches(bytes)) return (format, format.Parse(bytes));
        return (null, default);
    }

    private static Error Invalid(string message) => Error.Invalid("image", message);
}

/// <summary>What a format's parser found: the declared pixel size, or why the header cannot be trusted (a phrase
/// that completes "damaged or incomplete: …").</summary>
internal readonly record struct ImageHeader(long Width, long Height, string? Problem = null)
{
    public static ImageHeader Damaged(string problem) => new(0, 0, problem);
}

internal sealed class ImageFormat(string name, string contentType, ImageFormat.MatchFunc matches, ImageFormat.ParseFunc parse)
{
    public delegate bool MatchFunc(ReadOnlySpan<byte> bytes);
    public delegate ImageHeader ParseFunc(ReadOnlySpan<byte> bytes);

    public static readonly ImageFormat[] All =
    [
        new("PNG", "image/png", PngHeader.Matches, PngHeader.Parse),
        new("JPEG", "image/jpeg", JpegHeader.Matches, JpegHeader.Parse),
        new("GIF", "image/gif", GifHeader.Matches, GifHeader.Parse),
        new("WebP", "image/webp", WebpHeader.Matches, WebpHeader.Parse),
    ];

    public string Name => name;
    public string ContentType => contentType;
    public bool Matches(ReadOnlySpan<byte> bytes) => matches(bytes);
    public ImageHeader Parse(ReadOnlySpan<byte> bytes) => parse(bytes);
}
