using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Settings;

/// <summary>The tax rate pages' reads and writes, each run inside a <see cref="Interactive.CircuitOperations"/> scope
/// (whose tenant filter keeps them to the page's organization).</summary>
public static class TaxRateOperations
{
    public static Task<List<TaxRate>> ListAsync(IServiceProvider services) =>
        services.GetRequiredService<NumiDbContext>().TaxRates.AsNoTracking()
            .OrderByDescending(r => r.Active).ThenBy(r => r.Country).ThenBy(r => r.Region).ToListAsync();

    /// <summary>The rate of <paramref name="publicId"/> in the organization, or null (unknown, malformed, another's).</summary>
    public static async Task<TaxRate?> FindAsync(IServiceProvider services, string publicId) =>
        PublicId.TryParse(IdPrefixes.TaxRate, publicId, out var key)
            ? await services.GetRequiredService<NumiDbContext>().TaxRates.AsNoTracking().FirstOrDefaultAsync(r => r.Id == key)
            : null;

    public static Task<Result<TaxRate>> SaveAsync(IServiceProvider services, TaxRate? existing, TaxRateFields fields) =>
        existing is null
            ? services.GetRequiredService<CreateTaxRateHandler>().HandleAsync(new CreateTaxRate(fields), CancellationToken.None)
            : services.GetRequiredService<UpdateTaxRateHandler>().HandleAsync(new UpdateTaxRate(existing.Id, fields), CancellationToken.None);

    /// <summary>Archives an active rate, restores an archived one; its fields stay as they are.</summary>
    public static Task<Result<TaxRate>> ToggleAsync(IServiceProvider services, TaxRate rate) =>
        services.GetRequiredService<UpdateTaxRateHandler>()
            .HandleAsync(new UpdateTaxRate(rate.Id, TaxRateFields.Of(rate), !rate.Active), CancellationToken.None);
}
