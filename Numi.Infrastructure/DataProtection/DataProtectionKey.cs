namespace Numi.Infrastructure.DataProtection;

/// <summary>One ASP.NET Core Data Protection key, stored in the database so every web node shares cookies and antiforgery tokens.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
