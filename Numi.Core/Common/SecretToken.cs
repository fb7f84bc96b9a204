using System.Security.Cryptography;
using System.Text;

namespace Numi.Core.Common;

/// <summary>High-entropy secrets (API keys, invitation links) and their stored form. Only the SHA-256 hash is
/// kept: the secrets are random, so a fast hash is enough and lookups stay a single indexed read.</summary>
public static class SecretToken
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(int length = 32) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
