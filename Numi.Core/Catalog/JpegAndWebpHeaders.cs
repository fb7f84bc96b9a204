using System.Buffers.Binary;

namespace Numi.Core.Catalog;

/// <summary>JPEG: the segments after the start marker are walked, each length inside the file, to a frame header
/// (SOFn, the size) and then a scan (SOS) with data after it. The entropy-coded data itself is not decoded.</summary>
internal static class JpegHeader
{
    private const byte StartOfScan = 0xDA, EndOfImage = 0xD9;

    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    public static ImageHeader Parse(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        ImageHeader? frame = null;
        while (true)
        {
            if (at >= bytes.Length) return ImageHeader.Damaged("it ends before its image data");
            if (bytes[at] != 0xFF) return ImageHeader.Damaged("a segment does not start with a marker");
            while (at < bytes.Length && bytes[at] == 0xFF) at++;
            if (at >= bytes.Length) return ImageHeader.Damaged("it ends before its image data");
            var marker = bytes[at++];
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue;
            if (marker == EndOfImage) return ImageHeader.Damaged("it ends before its image data");
            if (marker is 0x00 or 0xD8) return ImageHeader.Damaged($"it has an invalid marker (0xFF{marker:X2})");
            if (bytes.Length - at < 2) return ImageHeader.Damaged("a segment is cut short");
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            if (length < 2 || length > bytes.Length - at) return ImageHeader.Damaged("a segment declares more bytes than the file holds");
            var segment = bytes.Slice(at + 2, length - 2);
            if (IsFrame(marker))
            {
                if (segment.Length < 6 || segment[5] == 0 || segment.Length < 6 + 3 * segment[5])
                    return ImageHeader.Damaged("its frame header (SOF) is cut short");
                frame = new ImageHeader(BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), BinaryPrimitives.ReadUInt16BigEndian(segment[1..]));
            }
            else if (marker == StartOfScan)
            {
                if (frame is null) return ImageHeader.Damaged("its scan (SOS) comes before any frame header (SOF)");
                return at + length < bytes.Length ? frame.Value : ImageHeader.Damaged("it holds no image data after its scan header");
            }
            at += length;
        }
    }

    /// <summary>SOF0–SOF15, less the three markers in that range that are not frames (DHT, JPG, DAC).</summary>
    private static bool IsFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
}

/// <summary>WebP: the RIFF size must be the file's, and the first chunk must be VP8 (lossy), VP8L (lossless) or VP8X
/// (extended, whose canvas is the size and which must be followed by image data), with its size inside the file.</summary>
internal static class WebpHeader
{
    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8);

    public static ImageHeader Parse(ReadOnlySpan<byte> bytes)
    {
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) + 8L;
        if (declared != bytes.Length) return ImageHeader.Damaged($"its RIFF header declares {declared:N0} bytes but the file has {bytes.Length:N0}");
        if (!TryChunk(bytes, 12, out var first, out var data, out var next)) return ImageHeader.Damaged("its first chunk is cut short");
        if (first.SequenceEqual("VP8 "u8)) return Lossy(data);
        if (first.SequenceEqual("VP8L"u8)) return Lossless(data);
        if (!first.SequenceEqual("VP8X"u8)) return ImageHeader.Damaged("it starts with no VP8, VP8L or VP8X chunk");
        if (data.Length < 10) return ImageHeader.Damaged("its VP8X chunk is cut short");

        var canvas = new ImageHeader(1 + Read24(data[4..]), 1 + Read24(data[7..]));
        for (var at = next; at < bytes.Length; at = next)
        {
            if (!TryChunk(bytes, at, out var fourcc, out _, out next)) return ImageHeader.Damaged("a chunk declares more bytes than the file holds");
            if (fourcc.SequenceEqual("VP8 "u8) || fourcc.SequenceEqual("VP8L"u8) || fourcc.SequenceEqual("ANMF"u8)) return canvas;
        }
        return ImageHeader.Damaged("it holds no image data (VP8, VP8L or ANMF)");
    }

    /// <summary>The chunk at <paramref name="at"/>: false when its header or its data do not fit the file.</summary>
    private static bool TryChunk(ReadOnlySpan<byte> bytes, int at, out ReadOnlySpan<byte> fourcc, out ReadOnlySpan<byte> data, out int next)
    {
        fourcc = default;
        data = default;
        next = bytes.Length;
        if (bytes.Length - at < 8) return false;
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 4)..]);
        if (size > bytes.Length - at - 8) return false;
        fourcc = bytes.Slice(at, 4);
        data = bytes.Slice(at + 8, (int)size);
        next = at + 8 + (int)size + (int)(size & 1);
        return true;
    }

    /// <summary>A VP8 key frame: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.</summary>
    private static ImageHeader Lossy(ReadOnlySpan<byte> data)
    {
        if (data.Length < 10 || (data[0] & 1) != 0 || data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
            return ImageHeader.Damaged("its VP8 frame header is missing");
        return new ImageHeader(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
    }

    /// <summary>A VP8L stream: the signature 0x2F, then width − 1 and height − 1 in 14 bits each and a zero version.</summary>
    private static ImageHeader Lossless(ReadOnlySpan<byte> data)
    {
        if (data.Length < 5 || data[0] != 0x2F) return ImageHeader.Damaged("its VP8L header is missing");
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
        if (bits >> 29 != 0) return ImageHeader.Damaged("its VP8L version is unknown");
        return new ImageHeader((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
    }

    private static long Read24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
