using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Account;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Settings;

/// <summary>The organization's settings as the settings page shows them, and whether the person may change them.</summary>
public sealed record OrganizationSettingsView(OrganizationInput Input, bool CanEdit);

/// <summary>Reads and saves the current organization's settings inside a <see cref="Interactive.CircuitOperations"/>
/// scope. The role is read again from that scope on each call: a person demoted while the page is open is refused.</summary>
public static class OrganizationSettingsOperations
{
    public const string Refusal = "Only owners and admins change organization settings.";

    public static bool CanEdit(IServiceProvider services) =>
        services.GetRequiredService<RequestTenant>().Role is OrganizationRole.Owner or OrganizationRole.Admin;

    public static async Task<OrganizationSettingsView> ReadAsync(IServiceProvider services)
    {
        // The tenant query filter limits Organizations to the one the scope was entered in.
        var organization = await services.GetRequiredService<NumiDbContext>().Organizations.AsNoTracking().FirstAsync();
        var input = new OrganizationInput
        {
            Name = organization.Name, Slug = organization.Slug, DefaultCurrency = organization.DefaultCurrency, TimeZone = organization.TimeZone,
        };
        return new OrganizationSettingsView(input, CanEdit(services));
    }

    public static async Task<Result<Organization>> SaveAsync(IServiceProvider services, OrganizationInput input)
    {
        if (!CanEdit(services)) return new Error(ErrorCodes.Forbidden, Refusal);
        return await services.GetRequiredService<UpdateOrganizationHandler>()
            .HandleAsync(new UpdateOrganization(input.Name, input.DefaultCurrency, input.TimeZone), CancellationToken.None);
    }
}
