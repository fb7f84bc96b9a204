using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ApiTenantIsolationTests(NumiFactory factory)
{
    [Fact]
    public async Task A_key_never_sees_another_organizations_products()
    {
        var (organizationA, clientA) = await factory.NewOrganizationClientAsync();
        var (organizationB, clientB) = await factory.NewOrganizationClientAsync();
        using var _a = clientA;
        using var _b = clientB;
        var productsA = await ApiProductsTests.SeedAsync(factory, organizationA, 2);
        var productsB = await ApiProductsTests.SeedAsync(factory, organizationB, 3);

        using var foreign = await clientA.GetAsync($"/api/v1/products/{productsB[0].PublicId}");
        using var foreignCursor = await clientA.GetAsync($"/api/v1/products?starting_after={productsB[0].PublicId}");
        var listA = await clientA.GetFromJsonElementAsync("/api/v1/products?limit=100");
        var organization = await clientA.GetFromJsonElementAsync("/api/v1/organization");

        await foreign.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await foreignCursor.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        var ids = listA.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(productsA.Select(p => p.PublicId).ToHashSet(), ids);
        Assert.Equal($"org_{organizationA:N}", organization.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync($"/api/v1/products/{productsB[0].PublicId}")).StatusCode);
    }
}
