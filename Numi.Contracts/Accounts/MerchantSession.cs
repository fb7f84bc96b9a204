namespace Numi.Contracts.Accounts;

/// <summary>Who is signed in to the merchant app and where: the app bar's user menu and organization switcher.
/// <see cref="Current"/> is null for a person in no organization yet. <see cref="ClockMovable"/>: this instance lets a
/// platform admin move Numi's clock (not in Production, where <c>/admin/clock</c> answers 404), so the navigation links
/// to the clock only then.</summary>
public sealed record MerchantSession(
    string Email, bool IsPlatformAdmin, MerchantOrganization? Current, IReadOnlyList<MerchantOrganization> Organizations, bool DarkMode,
    bool ClockMovable);

/// <summary>An organization the person belongs to, with their role in it (Owner, Admin or Member).</summary>
public sealed record MerchantOrganization(Guid Id, string Name, string Role);

/// <summary>The body of <c>POST /api/v1/me/organization</c>: the organization to work in from now on.</summary>
public sealed class SwitchOrganizationRequest
{
    public Guid? OrganizationId { get; set; }
}
