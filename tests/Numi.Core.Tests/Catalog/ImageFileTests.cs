using System.Text;
using Numi.Core.Catalog;
using Numi.Tests.Support;

namespace Numi.Core.Tests.Catalog;

/// <summary>Product images are checked by their headers, not their first bytes: hand-built minimal files of each type
/// pass with their size, and each kind of damage, absurd size or non-image is refused with its own message.</summary>
public sealed class ImageFileTests
{
    public static TheoryData<string, byte[], string, int, int> Valid => new()
    {
        { "png", TestImages.Png(16, 9), "image/png", 16, 9 },
        { "png 1×1", TestImages.Png(1, 1), "image/png", 1, 1 },
        { "png at the side limit", TestImages.Png(16_384, 2), "image/png", 16_384, 2 },
        { "png of 40 megapixels", TestImages.Png(8_000, 5_000), "image/png", 8_000, 5_000 },
        { "png of exactly 2 MB", TestImages.Png(length: ImageFile.MaxBytes), "image/png", 16, 16 },
        { "gif", TestImages.Gif(), "image/gif", 1, 1 },
        { "gif without its trailer", TestImages.Gif(trailer: false), "image/gif", 1, 1 },
        { "gif87a", [.. "GIF87a"u8, .. TestImages.Gif(3, 2)[6..]], "image/gif", 3, 2 },
        { "jpeg", TestImages.Jpeg(640, 480), "image/jpeg", 640, 480 },
        { "jpeg with fill bytes before a marker", [.. TestImages.Jpeg(8, 8)[..2], 0xFF, 0xFF, .. TestImages.Jpeg(8, 8)[2..]], "image/jpeg", 8, 8 },
        { "webp lossy", TestImages.WebpLossy(320, 200), "image/webp", 320, 200 },
        { "webp lossless", TestImages.WebpLossless(16_384, 1), "image/webp", 16_384, 1 },
        { "webp extended", TestImages.WebpExtended(1_000, 700), "image/webp", 1_000, 700 },
    };

    [Theory, MemberData(nameof(Valid))]
    public void A_sound_image_is_read_with_its_type_and_size(string name, byte[] content, string type, int width, int height)
    {
        var read = ImageFile.Read(content);

        Assert.True(read.Succeeded, $"{name}: {(read.Succeeded ? "" : read.FirstError.Message)}");
        Assert.Equal(new ImageFile(type, width, height), read.Value);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "empty", [], "The image file is empty." },
        { "over 2 MB", TestImages.Png(length: ImageFile.MaxBytes + 1), "the largest allowed is 2 MB" },
        { "text", Encoding.UTF8.GetBytes("hello, this is not a picture"), "must be a PNG, JPEG, GIF or WebP" },
        { "svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>"), "must be a PNG, JPEG, GIF or WebP" },
        { "riff wave", [.. "RIFF"u8, 4, 0, 0, 0, .. "WAVE"u8], "must be a PNG, JPEG, GIF or WebP" },
        { "gif88a", Encoding.ASCII.GetBytes("GIF88a......."), "must be a PNG, JPEG, GIF or WebP" },

        { "png signature only", TestImages.Png()[..8], "PNG file is damaged or incomplete: its header (IHDR) is missing" },
        { "png header checksum", Flip(TestImages.Png(), 19), "checksum (IHDR CRC) does not match" },
        { "png header of the wrong length", [.. TestImages.Png()[..8], .. TestImages.Chunk("IHDR", new byte[12]), .. TestImages.Png()[33..]], "its header (IHDR) is missing" },
        { "png bit depth 3", Png(header => header[8] = 3), "unknown colour type, bit depth or method" },
        { "png cut before IEND", TestImages.Png()[..^12], "it ends before its last chunk (IEND)" },
        { "png chunk longer than the file", Png(length: 40, tail: [0x7F, 0xFF, 0xFF, 0xF0, .. "IDAT"u8, 0, 0, 0, 0]), "a chunk declares 2,147,483,632 bytes" },
        { "png without pixels", [.. TestImages.Png()[..33], .. TestImages.Chunk("IEND", [])], "it holds no image data (IDAT)" },
        { "png 0 wide", TestImages.Png(0, 16), "The image is 0×16 pixels; each side must be 1 to 16,384 pixels." },
        { "png one pixel too wide", TestImages.Png(16_385, 1), "each side must be 1 to 16,384 pixels" },
        { "png bomb of 50000×50000", TestImages.Png(50_000, 50_000), "The image is 50,000×50,000 pixels" },
        { "png of 100 megapixels", TestImages.Png(10_000, 10_000), "(100 megapixels); at most 40 megapixels are allowed" },

        { "gif signature only", "GIF89a"u8.ToArray(), "GIF file is damaged or incomplete: its screen descriptor is missing" },
        { "gif screen and trailer only", [.. TestImages.Gif()[..19], 0x3B], "it holds no image" },
        { "gif frame data cut short", TestImages.Gif(trailer: false)[..^2], "a frame's data runs past the end of the file" },
        { "gif frame of no pixels", Gif(at: 32, value: 0), "a frame has no pixels" },
        { "gif frame of 65535×1 on a 1×1 screen", Gif(at: 32, value: 0xFF), "a frame reaches past the image's screen" },
        { "gif frame placed past a 1×1 screen", Gif(at: 28, value: 0x01), "a frame reaches past the image's screen" },
        { "gif unknown block", [.. TestImages.Gif(trailer: false), 0x99], "an unknown block (0x99) follows" },
        { "gif extension cut short", TestImages.Gif()[..22], "an extension block runs past the end of the file" },
        { "gif screen 0 wide", Gif(at: 6, value: 0), "The image is 0×1 pixels; each side must be 1 to 16,384 pixels." },
        { "gif bomb of 65535×65535", TestImages.Gif(65_535, 65_535), "The image is 65,535×65,535 pixels" },

        { "jpeg start followed by zeros", [0xFF, 0xD8, 0xFF, .. new byte[64]], "JPEG file is damaged or incomplete: it has an invalid marker (0xFF00)" },
        { "jpeg start marker only", [0xFF, 0xD8, 0xFF], "it ends before its image data" },
        { "jpeg without a frame header", [.. TestImages.Jpeg()[..20], .. TestImages.Jpeg()[33..]], "its scan (SOS) comes before any frame header (SOF)" },
        { "jpeg ending before its scan", [.. TestImages.Jpeg()[..33], 0xFF, 0xD9], "it ends before its image data" },
        { "jpeg segment longer than the file", [.. TestImages.Jpeg()[..4], 0xFF, 0xF0, .. TestImages.Jpeg()[6..24]], "a segment declares more bytes than the file holds" },
        { "jpeg frame header cut short", [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x05, 0x08, 0x00, 0x10, 0xFF, 0xD9], "its frame header (SOF) is cut short" },
        { "jpeg scan with no data", TestImages.Jpeg()[..43], "it holds no image data after its scan header" },
        { "jpeg garbage between segments", [.. TestImages.Jpeg()[..20], 0x12, .. TestImages.Jpeg()[20..]], "a segment does not start with a marker" },
        { "jpeg 0 high", TestImages.Jpeg(16, 0), "The image is 16×0 pixels" },
        { "jpeg bomb of 65535×65535", TestImages.Jpeg(65_535, 65_535), "The image is 65,535×65,535 pixels" },

        { "webp riff header only", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8], "WebP file is damaged or incomplete: its RIFF header declares 8 bytes but the file has 12" },
        { "webp riff size larger than the body", TestImages.WebpLossy()[..^2], "its RIFF header declares" },
        { "webp riff size smaller than the body", [.. TestImages.WebpLossy(), 0, 0], "its RIFF header declares" },
        { "webp with nothing after the header", TestImages.Riff([]), "its first chunk is cut short" },
        { "webp chunk longer than the file", TestImages.Riff([.. "VP8 "u8, 0xFF, 0, 0, 0, 0, 0]), "its first chunk is cut short" },
        { "webp unknown first chunk", TestImages.Riff(TestImages.WebpChunk("ABCD", new byte[10])), "it starts with no VP8, VP8L or VP8X chunk" },
        { "webp lossy without its start code", TestImages.Riff(TestImages.WebpChunk("VP8 ", new byte[10])), "its VP8 frame header is missing" },
        { "webp lossless without its signature", TestImages.Riff(TestImages.WebpChunk("VP8L", new byte[5])), "its VP8L header is missing" },
        { "webp extended without an image", TestImages.Riff(TestImages.WebpChunk("VP8X", new byte[10])), "it holds no image data (VP8, VP8L or ANMF)" },
        { "webp extended bomb", TestImages.WebpExtended(16_777_216, 16_777_216), "The image is 16,777,216×16,777,216 pixels" },
        { "webp lossless of 60 megapixels", TestImages.WebpLossless(10_000, 6_000), "(60 megapixels); at most 40 megapixels are allowed" },
    };

    [Theory, MemberData(nameof(Refused))]
    public void A_damaged_absurd_or_unknown_file_is_refused_on_the_image_field(string name, byte[] content, string message)
    {
        var read = ImageFile.Read(content);

        Assert.False(read.Succeeded, name);
        var error = Assert.Single(read.Errors);
        Assert.Equal(("image", "parameter_invalid"), (error.Param, error.Code));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checksum_is_the_standard_crc32() => Assert.Equal(0xCBF43926u, Crc32.Of("123456789"u8));

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0x01;
        return bytes;
    }

    /// <summary>A 16×16 PNG whose IHDR data is changed by <paramref name="edit"/>, with a correct CRC.</summary>
    private static byte[] Png(Action<byte[]> edit)
    {
        var png = TestImages.Png();
        var header = png[16..29];
        edit(header);
        return [.. png[..8], .. TestImages.Chunk("IHDR", header), .. png[33..]];
    }

    /// <summary>The signature and IHDR of a 16×16 PNG (cut to <paramref name="length"/>), then <paramref name="tail"/>.</summary>
    private static byte[] Png(int length, byte[] tail) => [.. TestImages.Png()[..Math.Min(length, 33)], .. tail];

    private static byte[] Gif(int at, byte value)
    {
        var gif = TestImages.Gif();
        gif[at] = value;
        gif[at + 1] = value;
        return gif;
    }
}
