using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Numi.Core.Catalog;

namespace Numi.Tests.Support;

/// <summary>Images built byte by byte for the header checks (shared by the Core, Infrastructure and Web tests). The PNG
/// and the 1×1 GIF decode in a browser; the JPEG and WebP files have sound headers around placeholder data, which is
/// all the checks read.</summary>
public static class TestImages
{
    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> RGBA pixels, grown to exactly
    /// <paramref name="length"/> bytes (when given) by a private ancillary chunk of varied bytes before IEND.</summary>
    public static byte[] Png(int width = 16, int height = 16, int length = 0)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6);
        byte[] head = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", PixelData(width, height))];
        var end = Chunk("IEND", []);
        if (length == 0) return [.. head, .. end];
        var padding = new byte[length - head.Length - end.Length - 12];
        new Random(20261123).NextBytes(padding);
        return [.. head, .. Chunk("npAd", padding), .. end];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Of(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>Real deflated scanlines for small images; a token byte for the huge sizes only the header checks see.</summary>
    private static byte[] PixelData(int width, int height)
    {
        if ((long)width * height > 65_536) return [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest))
            for (var y = 0; y < height; y++) zlib.Write(new byte[1 + 4 * width]);
        return buffer.ToArray();
    }

    /// <summary>A GIF whose screen is <paramref name="width"/>×<paramref name="height"/>, with a two-colour table and
    /// one frame of the same size holding a single pixel's LZW data.</summary>
    public static byte[] Gif(int width = 1, int height = 1, bool trailer = true)
    {
        byte[] size = [(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)];
        byte[] image =
        [
            .. "GIF89a"u8, .. size, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
            0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
            0x2C, 0x00, 0x00, 0x00, 0x00, .. size, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
        ];
        return trailer ? [.. image, 0x3B] : image;
    }

    /// <summary>SOI, a JFIF APP0, a baseline frame header (SOF0) of one component, a scan header (SOS), four bytes of
    /// scan data and EOI.</summary>
    public static byte[] Jpeg(int width = 16, int height = 16) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        0x12, 0x34, 0x56, 0x78,
        0xFF, 0xD9,
    ];

    /// <summary>A lossy WebP: a VP8 key frame header of the given size.</summary>
    public static byte[] WebpLossy(int width = 16, int height = 16) =>
        Riff(WebpChunk("VP8 ", [0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x00, 0x00]));

    /// <summary>A lossless WebP: the VP8L signature and 14-bit sizes.</summary>
    public static byte[] WebpLossless(int width = 16, int height = 16) => Riff(Lossless(width, height));

    /// <summary>An extended WebP: a VP8X canvas of the given size, then a small lossless image.</summary>
    public static byte[] WebpExtended(int width = 16, int height = 16)
    {
        var (w, h) = (width - 1, height - 1);
        return Riff([.. WebpChunk("VP8X", [0x00, 0, 0, 0, (byte)w, (byte)(w >> 8), (byte)(w >> 16), (byte)h, (byte)(h >> 8), (byte)(h >> 16)]), .. Lossless(1, 1)]);
    }

    private static byte[] Lossless(int width, int height)
    {
        var bits = (uint)(width - 1) | (uint)(height - 1) << 14;
        return WebpChunk("VP8L", [0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), 0x00, 0x00]);
    }

    public static byte[] WebpChunk(string fourcc, byte[] data)
    {
        byte[] size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, data.Length);
        return [.. Encoding.ASCII.GetBytes(fourcc), .. size, .. data, .. data.Length % 2 == 1 ? new byte[1] : []];
    }

    public static byte[] Riff(byte[] chunks)
    {
        byte[] size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, chunks.Length + 4);
        return [.. "RIFF"u8, .. size, .. "WEBP"u8, .. chunks];
    }
}
