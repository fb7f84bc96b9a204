using System.Net;
using System.Text.Json;
using Numi.Core.Catalog;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ApiProductsTests(NumiFactory factory)
{
    [Fact]
    public async Task Empty_catalog_is_an_empty_list_envelope()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync("/api/v1/products");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(0, body.GetProperty("data").GetArrayLength());
        Assert.False(body.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Pages_follow_starting_after_newest_first()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var products = await SeedAsync(organizationId, 5);
        var newestFirst = products.OrderByDescending(p => p.CreatedAt).Select(p => p.PublicId).ToList();

        var first = await client.GetFromJsonElementAsync("/api/v1/products?limit=2");
        var second = await client.GetFromJsonElementAsync($"/api/v1/products?limit=2&starting_after={Ids(first)[^1]}");
        var third = await client.GetFromJsonElementAsync($"/api/v1/products?limit=2&starting_after={Ids(second)[^1]}");
        var all = await client.GetFromJsonElementAsync("/api/v1/products");

        Assert.Equal(newestFirst[..2], Ids(first));
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(newestFirst[2..4], Ids(second));
        Assert.True(second.GetProperty("has_more").GetBoolean());
        Assert.Equal(newestFirst[4..], Ids(third));
        Assert.False(third.GetProperty("has_more").GetBoolean());
        Assert.Equal(newestFirst, Ids(all));
        Assert.Equal("product", all.GetProperty("data")[0].GetProperty("object").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task Limit_out_of_range_is_400_naming_limit(string limit)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/products?limit={limit}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "limit");
    }

    [Fact]
    public async Task Limit_of_100_is_accepted()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync("/api/v1/products?limit=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("org_0190aaaabbbbccccddddeeeeffff0000")]
    public async Task Malformed_starting_after_is_400(string after)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/products?starting_after={after}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "starting_after");
    }

    [Fact]
    public async Task Unknown_starting_after_is_404()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/products?starting_after=prod_{Guid.NewGuid():N}");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "starting_after");
    }

    [Fact]
    public async Task One_product_by_id()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = (await SeedAsync(organizationId, 1))[0];

        var body = await client.GetFromJsonElementAsync($"/api/v1/products/{product.PublicId}");
        using var missing = await client.GetAsync($"/api/v1/products/prod_{Guid.NewGuid():N}");
        using var malformed = await client.GetAsync("/api/v1/products/nonsense");

        Assert.Equal(product.Name, body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        await missing.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await malformed.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
    }

    internal static Task<List<Product>> SeedAsync(NumiFactory factory, Guid organizationId, int count) => factory.WithDbAsync(async db =>
    {
        var start = DateTime.UtcNow.AddMinutes(-count);
        var products = Enumerable.Range(0, count)
            .Select(i => Product.Create(organizationId, $"Product {i} {Guid.NewGuid():N}", null, start.AddSeconds(i * 10)))
            .ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync();
        return products;
    });

    private Task<List<Product>> SeedAsync(Guid organizationId, int count) => SeedAsync(factory, organizationId, count);

    private static List<string> Ids(JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
}

internal static class HttpClientJson
{
    public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}
