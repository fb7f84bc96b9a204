using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Catalog;

public sealed class ProductPagingTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Keyset_pages_visit_every_product_once_newest_first_even_with_equal_timestamps(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var now = TwoOrganizations.Now;
        var organization = Organization.Create("Paging", "paging", "usd", "UTC", now);
        await using (var seed = database.CreateContext())
        {
            seed.Organizations.Add(organization);
            // Three products share a timestamp, so the id has to break the tie on both providers.
            for (var i = 0; i < 7; i++)
                seed.Products.Add(Product.Create(organization.Id, $"Product {i}", null, now.AddSeconds(i < 3 ? 0 : i)));
            await seed.SaveChangesAsync();
        }

        await using var db = database.CreateContext(new TestTenant(organization.Id));
        var expected = (await db.Products.AsNoTracking().ToListAsync())
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id).ToList();

        var visited = new List<Guid>();
        Product? last = null;
        do
        {
            var query = db.Products.AsNoTracking();
            if (last is not null) query = query.After(last.CreatedAt, last.Id);
            var page = await query.NewestFirst().Take(2).ToListAsync();
            visited.AddRange(page.Select(p => p.Id));
            last = page.Count == 2 ? page[^1] : null;
        } while (last is not null);

        Assert.Equal(expected, visited);
    }
}
