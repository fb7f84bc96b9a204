using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Account;

/// <summary>The new-organization form's operations inside a <see cref="Interactive.CircuitOperations"/> scope. They
/// need no current organization: a person without one creates their first here.</summary>
public static class NewOrganizationOperations
{
    /// <summary>Whether the slug is free, as the person types it (what sign-up's htmx check says).</summary>
    public static async Task<string> SlugHintAsync(IServiceProvider services, string slug) =>
        SlugStatus.Text(await SlugStatus.CheckAsync(services.GetRequiredService<NumiDbContext>(), slug, CancellationToken.None), slug);

    /// <summary>Creates the organization with the person as its owner; Core switches them to it. Their open pages are
    /// told at once (<see cref="AccessSignals"/>), so those of the organization they worked in reload into the new one.</summary>
    public static async Task<Result<Organization>> CreateAsync(IServiceProvider services, OrganizationInput input, Guid userId)
    {
        var result = await services.GetRequiredService<CreateOrganizationHandler>().HandleAsync(new CreateOrganization(
            userId, input.Name ?? "", Normalize(input.Slug), input.DefaultCurrency ?? "", input.TimeZone ?? ""), CancellationToken.None);
        if (result.Succeeded) services.GetRequiredService<AccessSignals>().Changed(userId);
        return result;
    }

    public static string Normalize(string? slug) => (slug ?? "").Trim().ToLowerInvariant();
}
