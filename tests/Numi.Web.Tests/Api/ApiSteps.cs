using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>Small steps the API tests share: calls that must succeed, and the ids and lists they return.</summary>
internal static class ApiSteps
{
    /// <summary>POSTs <paramref name="json"/> and asserts a 200, returning the body.</summary>
    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, string json)
    {
        using var response = await client.PostAsync(url, ApiCalls.Json(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {url} {json}: {(int)response.StatusCode} {body}");
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, ApiCalls.Json(json));

    public static async Task<string> CreateProductAsync(this HttpClient client, string name = "Coffee beans")
    {
        var product = await client.PostOkAsync("/api/v1/products", JsonSerializer.Serialize(new { name }));
        return product.GetProperty("id").GetString()!;
    }

    /// <summary>A one-time per-unit price of <paramref name="unitAmount"/> minor units.</summary>
    public static async Task<string> CreatePerUnitPriceAsync(this HttpClient client, string productId, long unitAmount, string currency = "usd")
    {
        var price = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{productId}}","currency":"{{currency}}","type":"one_time","billing_scheme":"per_unit","unit_amount":{{unitAmount}}}""");
        return price.GetProperty("id").GetString()!;
    }

    public static List<string> Ids(this JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

    /// <summary>The ids of every price of the product (a product in these tests never has more than 100).</summary>
    public static async Task<List<string>> PriceIdsAsync(this HttpClient client, string productId) =>
        (await client.GetFromJsonElementAsync($"/api/v1/prices?product={productId}&limit=100")).Ids();
}
