using System.Text.Json;

namespace Numi.Web.Tests.Demo;

/// <summary>The demo's Coffee funnel: published, within the funnel rules, with a month of traffic its analytics show.</summary>
internal static class DemoFunnelChecks
{
    public static async Task AssertAsync(HttpClient client)
    {
        var list = await client.GetFromJsonElementAsync("/api/v1/funnels?status=published");
        var coffee = Assert.Single(list.GetProperty("data").EnumerateArray(), f => f.GetProperty("slug").GetString() == "coffee");
        var id = coffee.GetProperty("id").GetString()!;

        var details = await client.GetFromJsonElementAsync($"/api/v1/funnels/{id}");
        Assert.Equal(("published", false, true), (details.GetProperty("status").GetString(),
            details.GetProperty("has_unpublished_changes").GetBoolean(), details.GetProperty("publishable").GetBoolean()));
        Assert.Equal(["landing", "product_selection", "checkout", "upsell", "downsell", "thank_you"],
            details.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        Assert.Equal(1, Assert.Single(details.GetProperty("versions").EnumerateArray()).GetProperty("number").GetInt32());

        var stats = await client.GetFromJsonElementAsync($"/api/v1/funnels/{id}/stats");
        Assert.True(stats.GetProperty("visitors").GetInt64() > 1000, stats.ToString());
        Assert.True(stats.GetProperty("orders").GetInt64() > 0);
        var steps = stats.GetProperty("steps").EnumerateArray().ToList();
        var viewed = steps.Select(s => s.GetProperty("viewed").GetInt64()).ToList();
        Assert.Equal(viewed.OrderByDescending(v => v).Take(4), viewed.Take(4));
        var landing = steps[0].GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(2, landing.Count);
        var comparison = landing[1].GetProperty("comparison");
        Assert.NotEqual(JsonValueKind.Null, comparison.ValueKind);
        Assert.NotEqual("not_enough_data", comparison.GetProperty("verdict").GetString());
        Assert.True(comparison.GetProperty("uplift").GetDouble() > 0, comparison.ToString());
    }
}

[Collection(DemoCollection.Name)]
public sealed class DemoFunnelTests(DemoNumiFactory factory) : IClassFixture<DemoNumiFactory>
{
    [Fact]
    public async Task The_demo_has_a_published_coffee_funnel_with_traffic_and_an_ab_test()
    {
        using var client = factory.CreateApiClient(DemoNumiFactory.ApiKey);
        await DemoFunnelChecks.AssertAsync(client);
    }
}

[Collection(DemoCollection.Name)]
public sealed class DemoFunnelPostgresTests(DemoPostgresNumiFactory factory) : IClassFixture<DemoPostgresNumiFactory>
{
    [Fact]
    public async Task The_demo_has_a_published_coffee_funnel_with_traffic_and_an_ab_test()
    {
        using var client = factory.CreateApiClient(DemoNumiFactory.ApiKey);
        await DemoFunnelChecks.AssertAsync(client);
    }
}
