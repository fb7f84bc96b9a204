using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Numi.Core.Funnels.Experiments;

/// <summary>The anonymous id of one browser in Numi's funnels: 128 random bits from the operating system's CSPRNG,
/// written as 22 characters of unpadded base64url, and kept in a first-party cookie of the merchant's funnel pages.
/// It exists only so that a returning visitor sees the same A/B arm and their events join up; it is never derived
/// from the browser, the device or the network (no fingerprinting), and a visitor who clears the cookie simply gets a
/// new one.
/// <para><see cref="TryParse"/> accepts exactly what <see cref="New"/> writes and nothing else: 22 characters of the
/// base64url alphabet whose last one carries no stray bits, so one id has one spelling and a tampered or foreign
/// cookie is treated as absent (the page then issues a fresh id).</para></summary>
public readonly record struct VisitorId
{
    public const int Length = 22;
    private const int Bytes = 16;

    private VisitorId(string value) => Value = value;

    /// <summary>The 22-character cookie value.</summary>
    public string Value { get; }

    public static VisitorId New()
    {
        Span<byte> random = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(random);
        return new VisitorId(Base64Url.EncodeToString(random));
    }

    public static bool TryParse([NotNullWhen(true)] string? cookie, out VisitorId id)
    {
        id = default;
        if (cookie is null || cookie.Length != Length) return false;
        foreach (var c in cookie)
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')) return false;
        Span<byte> decoded = stackalloc byte[Bytes];
        if (Base64Url.DecodeFromChars(cookie, decoded, out var read, out var written) != System.Buffers.OperationStatus.Done
            || read != Length || written != Bytes) return false;
        // 22 characters hold 132 bits: the last one's 4 spare bits must be zero, else two cookies would decode alike.
        if (!string.Equals(Base64Url.EncodeToString(decoded), cookie, StringComparison.Ordinal)) return false;
        id = new VisitorId(cookie);
        return true;
    }

    public override string ToString() => Value ?? "";
}
