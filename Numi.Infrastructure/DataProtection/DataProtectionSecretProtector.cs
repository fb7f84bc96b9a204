using Microsoft.AspNetCore.DataProtection;
using Numi.Core.Payments;

namespace Numi.Infrastructure.DataProtection;

/// <summary>Secrets encrypted with Data Protection under their own purpose, with the key ring kept in the database so
/// every web node can read what another wrote.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "Numi.Payments.StripeSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
