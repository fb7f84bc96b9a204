using System.Security.Cryptography;
using Numi.Core.Common;

namespace Numi.Infrastructure.Demo;

/// <summary>The demo owner's password when Numi:Demo:Password is not set. Sign-in requires a lower-case letter and a
/// digit: a plain random token lacks a digit about one time in seventeen, and the demo seed then refused its own
/// password and stopped the start, so the digits are a part of their own.</summary>
public static class DemoPassword
{
    public static string New() => $"Demo-{SecretToken.New(16)}-{RandomNumberGenerator.GetString("0123456789", 4)}";
}
