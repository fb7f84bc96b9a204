using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>Role changes made behind an open settings page's back.</summary>
public static class SettingsPeople
{
    public static Task SetRoleAsync(this NumiFactory factory, CircuitPerson person, OrganizationRole role) =>
        factory.WithDbAsync(async db =>
        {
            var membership = await db.Memberships.IgnoreQueryFilters()
                .SingleAsync(m => m.UserId == person.UserId && m.OrganizationId == person.OrganizationId);
            membership.ChangeRole(role);
            await db.SaveChangesAsync();
        });

    public static Task<Organization> OrganizationAsync(this NumiFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == organizationId));
}

/// <summary>Tax rates put straight in an organization's database.</summary>
public static class TaxRateSeeds
{
    public static Task<Numi.Core.Tax.TaxRate> SeedTaxRateAsync(this NumiFactory factory, Guid organizationId, string name, string country,
        string? state, decimal percentage, bool inclusive) =>
        factory.WithDbAsync(async db =>
        {
            var rate = Numi.Core.Tax.TaxRate.Create(new Numi.Core.Tax.TaxRateFields(name, country, state, percentage, inclusive), DateTime.UtcNow);
            rate.OrganizationId = organizationId;
            db.TaxRates.Add(rate);
            await db.SaveChangesAsync();
            return rate;
        });

    public static Task<List<Numi.Core.Tax.TaxRate>> TaxRatesAsync(this NumiFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.TaxRates.IgnoreQueryFilters().AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync());
}
