using System.Buffers.Binary;

namespace Numi.Core.Catalog;

/// <summary>PNG: the signature, an IHDR chunk of 13 bytes whose CRC matches, then chunks whose lengths fit the file up
/// to IEND, with at least one IDAT. Only IHDR's CRC is checked: it is the chunk the size is read from.</summary>
internal static class PngHeader
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    public static ImageHeader Parse(ReadOnlySpan<byte> bytes)
    {
        var at = Signature.Length;
        var header = ImageHeader.Damaged("its header (IHDR) is missing");
        var sawData = false;
        for (var index = 0; ; index++)
        {
            if (bytes.Length - at < 12) return index == 0 ? header : ImageHeader.Damaged("it ends before its last chunk (IEND)");
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
            if (length > bytes.Length - at - 12) return ImageHeader.Damaged($"a chunk declares {length:N0} bytes, more than the file holds");
            var type = bytes.Slice(at + 4, 4);
            if (index == 0)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != 13) return header;
                header = ReadHeader(bytes.Slice(at + 4, 17), BinaryPrimitives.ReadUInt32BigEndian(bytes[(at + 21)..]));
                if (header.Problem is not null) return header;
            }
            else if (type.SequenceEqual("IHDR"u8)) return ImageHeader.Damaged("it has a second header (IHDR)");
            else if (type.SequenceEqual("IDAT"u8)) sawData = true;
            else if (type.SequenceEqual("IEND"u8)) return sawData ? header : ImageHeader.Damaged("it holds no image data (IDAT)");
            at += 12 + (int)length;
        }
    }

    /// <summary>The IHDR chunk's type and data (17 bytes) and the CRC stored after them.</summary>
    private static ImageHeader ReadHeader(ReadOnlySpan<byte> chunk, uint crc)
    {
        if (Crc32.Of(chunk) != crc) return ImageHeader.Damaged("its header's checksum (IHDR CRC) does not match");
        var data = chunk[4..];
        var (depth, colour) = (data[8], data[9]);
        var known = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!known || data[10] != 0 || data[11] != 0 || data[12] > 1)
            return ImageHeader.Damaged("its header names an unknown colour type, bit depth or method");
        return new ImageHeader(BinaryPrimitives.ReadUInt32BigEndian(data), BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
    }
}

/// <summary>GIF: the logical screen descriptor (the size), its colour table, then extension and image blocks whose
/// sub-blocks all end inside the file, with at least one image, up to the trailer (or the end of the file, which
/// browsers accept after a whole image).</summary>
internal static class GifHeader
{
    private const byte Extension = 0x21, ImageDescriptor = 0x2C, Trailer = 0x3B;

    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8);

    public static ImageHeader Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 13) return ImageHeader.Damaged("its screen descriptor is missing");
        var screen = new ImageHeader(BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]));
        var at = 13 + ColourTableLength(bytes[10]);
        var images = 0;
        while (at < bytes.Length && bytes[at] != Trailer)
        {
            switch (bytes[at])
            {
                case Extension:
                    at = SkipSubBlocks(bytes, at + 2);
                    if (at < 0) return ImageHeader.Damaged("an extension block runs past the end of the file");
                    break;
                case ImageDescriptor:
                    if (bytes.Length - at < 11) return ImageHeader.Damaged("an image descriptor is cut short");
                    int left = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 1)..]), top = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 3)..]);
                    int width = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 5)..]), height = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 7)..]);
                    if (width == 0 || height == 0) return ImageHeader.Damaged("a frame has no pixels");
                    // Browsers grow the canvas to a frame larger than the screen, so the screen's size limits only hold
                    // when every frame lies inside it (an empty screen is refused by its size, with that message).
                    if (screen.Width > 0 && screen.Height > 0 && (left + width > screen.Width || top + height > screen.Height))
                        return ImageHeader.Damaged("a frame reaches past the image's screen");
                    at += 10 + ColourTableLength(bytes[at + 9]);
                    if (at >= bytes.Length || bytes[at] is < 2 or > 8) return ImageHeader.Damaged("a frame's data is missing");
                    at = SkipSubBlocks(bytes, at + 1);
                    if (at < 0) return ImageHeader.Damaged("a frame's data runs past the end of the file");
                    images++;
                    break;
                default:
                    return ImageHeader.Damaged($"an unknown block (0x{bytes[at]:X2}) follows");
            }
        }
        return images > 0 ? screen : ImageHeader.Damaged("it holds no image");
    }

    private static int ColourTableLength(byte packed) => (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);

    /// <summary>Where the data after a run of sub-blocks (a size byte, that many bytes, ended by a zero size) begins,
    /// or -1 when the run does not end inside the file.</summary>
    private static int SkipSubBlocks(ReadOnlySpan<byte> bytes, int at)
    {
        while (at < bytes.Length)
        {
            var size = bytes[at];
            at += 1 + size;
            if (size == 0) return at;
        }
        return -1;
    }
}

/// <summary>CRC-32 (ISO 3309, the polynomial PNG and zlib use): System.IO.Hashing would need a package.</summary>
public static class Crc32
{
    private static readonly uint[] Table = Build();

    public static uint Of(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFF_FFFFu;
    }

    private static uint[] Build()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
