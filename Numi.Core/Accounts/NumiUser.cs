using Microsoft.AspNetCore.Identity;

namespace Numi.Core.Accounts;

/// <summary>A person who signs in. Users are global; what they may see comes from their memberships.</summary>
public sealed class NumiUser : IdentityUser<Guid>
{
    public NumiUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";

    /// <summary>The organization the user worked in last; sign-in opens it.</summary>
    public Guid? CurrentOrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
