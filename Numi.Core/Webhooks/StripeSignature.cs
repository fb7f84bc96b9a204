using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Numi.Core.Webhooks;

/// <summary>Stripe's webhook signature: the <c>Stripe-Signature</c> header carries <c>t=</c> (seconds) and one or more
/// <c>v1=</c> HMAC-SHA256 signatures of <c>"{t}.{raw body}"</c>. Valid when one of them matches one of the signing
/// secrets (several, for rotation) and the timestamp is within the tolerance of now.</summary>
public static class StripeSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    public static bool IsValid(string payload, string? header, IEnumerable<string> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2) continue;
            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (pair[0] == "v1" && TryHex(pair[1], out var signature)) signatures.Add(signature);
        }
        if (timestamp is null || signatures.Count == 0) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > Tolerance.TotalSeconds) return false;

        var signed = Encoding.UTF8.GetBytes($"{timestamp.Value.ToString(CultureInfo.InvariantCulture)}.{payload}");
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected))) return true;
        }
        return false;
    }

    /// <summary>The header Stripe would send for <paramref name="payload"/> at <paramref name="timestamp"/> (for tests and
    /// for local tools that replay events).</summary>
    public static string Header(string payload, string secret, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(signature)}";
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 64) return false;
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
