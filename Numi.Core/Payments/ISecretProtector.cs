namespace Numi.Core.Payments;

/// <summary>Encrypts secrets that Numi must be able to read back (a merchant's Stripe keys), with keys shared by
/// every node. Infrastructure implements it with ASP.NET Core Data Protection.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);
    string Unprotect(string protectedText);
}
