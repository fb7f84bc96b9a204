using System.Text;
using Numi.Core.Catalog;

namespace Numi.Core.Tests.Catalog;

public sealed class ProductImageTests
{
    private static byte[] Bytes(params int[] values) => [.. values.Select(v => (byte)v)];

    private static byte[] WithTail(byte[] head) => [.. head, .. Enumerable.Repeat((byte)0x00, 32)];

    public static TheoryData<string, byte[], string> Images => new()
    {
        { "png", WithTail(Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)), "image/png" },
        { "jpeg jfif", WithTail(Bytes(0xFF, 0xD8, 0xFF, 0xE0)), "image/jpeg" },
        { "jpeg exif", WithTail(Bytes(0xFF, 0xD8, 0xFF, 0xE1)), "image/jpeg" },
        { "gif87a", WithTail(Encoding.ASCII.GetBytes("GIF87a")), "image/gif" },
        { "gif89a", WithTail(Encoding.ASCII.GetBytes("GIF89a")), "image/gif" },
        { "webp", WithTail([.. Encoding.ASCII.GetBytes("RIFF"), 0x24, 0x10, 0x00, 0x00, .. Encoding.ASCII.GetBytes("WEBPVP8 ")]), "image/webp" },
        { "webp exactly 12 bytes", [.. Encoding.ASCII.GetBytes("RIFF"), 0, 0, 0, 0, .. Encoding.ASCII.GetBytes("WEBP")], "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Recognises_images_by_their_magic_bytes(string name, byte[] content, string expected)
    {
        _ = name; // names the case in the test explorer
        Assert.Equal(expected, ProductImage.SniffContentType(content));
    }

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "empty", [] },
        { "text", Encoding.UTF8.GetBytes("hello, this is not a picture") },
        { "svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>") },
        { "svg with xml prolog", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>") },
        { "html", Encoding.UTF8.GetBytes("<!doctype html><script>alert(1)</script>") },
        { "truncated png", Bytes(0x89, 0x50, 0x4E, 0x47) },
        { "truncated jpeg", Bytes(0xFF, 0xD8) },
        { "gif88a", Encoding.ASCII.GetBytes("GIF88a......") },
        { "riff wave", [.. Encoding.ASCII.GetBytes("RIFF"), 0, 0, 0, 0, .. Encoding.ASCII.GetBytes("WAVEfmt ")] },
        { "riff only", Encoding.ASCII.GetBytes("RIFF") },
        { "riff webp truncated", [.. Encoding.ASCII.GetBytes("RIFF"), 0, 0, 0, 0, .. Encoding.ASCII.GetBytes("WEB")] },
        { "pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n") },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Returns_null_for_anything_else(string name, byte[] content)
    {
        _ = name; // names the case in the test explorer
        Assert.Null(ProductImage.SniffContentType(content));
    }
}
