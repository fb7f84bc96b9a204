using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>GET /api/v1/prices/{id}/quote: exact amounts with a per-tier breakdown, and every bad quantity a problem.</summary>
[Collection(AppCollection.Name)]
public sealed class QuoteApiTests(NumiFactory factory)
{
    private const string Tiers500400300 =
        """[{"up_to":5,"unit_amount":500},{"up_to":10,"unit_amount":400},{"up_to":null,"unit_amount":300}]""";

    [Fact]
    public async Task Graduated_12_units_cost_5100_with_three_breakdown_lines()
    {
        var (client, price) = await TieredPriceAsync("graduated");
        using var _client = client;

        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}/quote?quantity=12");

        Assert.Equal("quote", quote.GetProperty("object").GetString());
        Assert.Equal(price, quote.GetProperty("price").GetString());
        Assert.Equal(12, quote.GetProperty("quantity").GetInt64());
        Assert.Equal(5100, quote.GetProperty("amount").GetInt64());
        Assert.Equal("usd", quote.GetProperty("currency").GetString());
        Assert.False(string.IsNullOrEmpty(quote.GetProperty("description").GetString()));
        var lines = quote.GetProperty("breakdown").EnumerateArray().ToList();
        Assert.Equal(3, lines.Count);
        AssertLine(lines[0], tier: 1, from: 1, upTo: 5, quantity: 5, unitAmount: 500, amount: 2500);
        AssertLine(lines[1], tier: 2, from: 6, upTo: 10, quantity: 5, unitAmount: 400, amount: 2000);
        AssertLine(lines[2], tier: 3, from: 11, upTo: null, quantity: 2, unitAmount: 300, amount: 600);
    }

    [Fact]
    public async Task Volume_12_units_cost_3600_all_at_the_third_tier()
    {
        var (client, price) = await TieredPriceAsync("volume");
        using var _client = client;

        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}/quote?quantity=12");

        Assert.Equal(3600, quote.GetProperty("amount").GetInt64());
        Assert.Equal("usd", quote.GetProperty("currency").GetString());
        var line = Assert.Single(quote.GetProperty("breakdown").EnumerateArray());
        AssertLine(line, tier: 3, from: 11, upTo: null, quantity: 12, unitAmount: 300, amount: 3600);
    }

    [Theory]
    [InlineData("graduated", 5, 2500)]
    [InlineData("graduated", 6, 2900)]
    [InlineData("volume", 5, 2500)]
    [InlineData("volume", 6, 2400)]
    public async Task Tier_boundaries_are_inclusive(string mode, long quantity, long amount)
    {
        var (client, price) = await TieredPriceAsync(mode);
        using var _client = client;

        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}/quote?quantity={quantity}");

        Assert.Equal(amount, quote.GetProperty("amount").GetInt64());
    }

    [Theory]
    [InlineData("graduated")]
    [InlineData("volume")]
    public async Task Zero_quantity_costs_nothing(string mode)
    {
        var (client, price) = await TieredPriceAsync(mode);
        using var _client = client;

        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}/quote?quantity=0");

        Assert.Equal(0, quote.GetProperty("amount").GetInt64());
        Assert.Equal(0, quote.GetProperty("quantity").GetInt64());
        Assert.Equal("usd", quote.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Negative_quantity_is_a_problem_on_quantity()
    {
        var (client, price) = await TieredPriceAsync("graduated");
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/prices/{price}/quote?quantity=-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity,
            $"Expected 400 or 422, got {(int)response.StatusCode}: {body}");
        await response.ProblemAsync(response.StatusCode, "parameter_invalid", "quantity");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("12abc")]
    [InlineData("9223372036854775808")]
    public async Task Quantity_that_is_not_a_whole_number_is_400(string quantity)
    {
        var (client, price) = await TieredPriceAsync("graduated");
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/prices/{price}/quote?quantity={Uri.EscapeDataString(quantity)}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "quantity");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?quantity=")]
    public async Task Missing_quantity_is_400_parameter_missing(string query)
    {
        var (client, price) = await TieredPriceAsync("graduated");
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/prices/{price}/quote{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "quantity");
    }

    [Theory]
    [InlineData("per_unit")]
    [InlineData("graduated")]
    [InlineData("volume")]
    public async Task Quantity_whose_amount_overflows_is_422_amount_too_large(string scheme)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var pricing = scheme == "per_unit"
            ? "'billing_scheme':'per_unit','unit_amount':500".Replace('\'', '"')
            : $$"""
               "billing_scheme":"tiered","tiers_mode":"{{scheme}}","tiers":{{Tiers500400300}}
               """;
        var price = (await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time",{{pricing}}}""")).GetProperty("id").GetString()!;

        using var response = await client.GetAsync($"/api/v1/prices/{price}/quote?quantity={long.MaxValue}");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "amount_too_large", "quantity");
    }

    [Fact]
    public async Task Quote_of_an_unknown_price_is_404()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync($"/api/v1/prices/price_{Guid.NewGuid():N}/quote?quantity=1");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
    }

    private async Task<(HttpClient Client, string Price)> TieredPriceAsync(string mode)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var product = await client.CreateProductAsync();
        var price = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"tiered","tiers_mode":"{{mode}}","tiers":{{Tiers500400300}}}""");
        return (client, price.GetProperty("id").GetString()!);
    }

    private static void AssertLine(JsonElement line, int tier, long from, long? upTo, long quantity, long unitAmount, long amount)
    {
        Assert.Equal(tier, line.GetProperty("tier").GetInt32());
        Assert.Equal(from, line.GetProperty("from").GetInt64());
        if (upTo is null) Assert.Equal(JsonValueKind.Null, line.GetProperty("up_to").ValueKind);
        else Assert.Equal(upTo, line.GetProperty("up_to").GetInt64());
        Assert.Equal(quantity, line.GetProperty("quantity").GetInt64());
        Assert.Equal(unitAmount, line.GetProperty("unit_amount").GetInt64());
        Assert.Equal(amount, line.GetProperty("amount").GetInt64());
    }
}
