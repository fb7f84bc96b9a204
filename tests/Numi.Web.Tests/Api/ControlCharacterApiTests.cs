using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>A control character (or a Unicode line separator) in any text the API takes is a 422 on that field, and
/// nothing is saved: the shared validators refuse it, as the pages do.</summary>
[Collection(AppCollection.Name)]
public sealed class ControlCharacterApiTests(NumiFactory factory)
{
    private sealed record Shop(Guid OrganizationId, string Product, string Price, string Offer, string Order);

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Shop? _shop;

    /// <summary>One organization with a product, price, offer and paid order, shared by every case (nothing is saved by
    /// them); each case calls with a key of its own, as the rate limit counts per key.</summary>
    private async Task<Shop> ShopAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_shop is not null) return _shop;
            var (organizationId, api) = await factory.NewOrganizationClientAsync();
            using var _api = api;
            var product = await api.CreateProductAsync();
            var price = await api.CreatePerUnitPriceAsync(product, 2400);
            var offer = (await api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
            {
                name = "Coffee", slug = "coffee-" + Guid.NewGuid().ToString("N")[..8], currency = "usd", status = "published",
                slots = new[] { new { key = "beans", name = "Beans", price } },
            }))).GetProperty("id").GetString()!;
            var session = await api.PostOkAsync("/api/v1/checkout/sessions", JsonSerializer.Serialize(new { offer, customer_email = "ann@example.com" }));
            var order = await api.PostOkAsync($"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm", """{"payment_method":"pm_card_visa"}""");
            return _shop = new Shop(organizationId, product, price, offer, order.GetProperty("id").GetString()!);
        }
        finally
        {
            Once.Release();
        }
    }

    public static readonly string[] Characters = ["\0", "\u0001", "\u0007", "\u001f", "\u007f", "\u001b", "\u2028"];

    public static readonly string[] Fields =
    [
        "product.name", "product.description", "product.lookup_key", "price.nickname", "price_update.nickname", "offer.name",
        "slot.name", "slot.key", "organization.name", "refund.reason", "tax_rate.state", "tax_rate.display_name", "discount_code.code",
    ];

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var field in Fields)
            for (var i = 0; i < Characters.Length; i++) cases.Add(field, i);
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task A_control_character_in_a_text_field_is_a_422_on_that_field(string field, int character)
    {
        var shop = await ShopAsync();
        using var api = await ClientAsync(shop);
        var text = $"Cof{Characters[character]}fee";

        var (url, body, param) = Request(shop, field, text);
        using var response = await api.PostJsonAsync(url, JsonSerializer.Serialize(body));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid");
        var errors = problem.TryGetProperty("errors", out var all) ? all.EnumerateArray().ToList() : [problem];
        Assert.Contains(errors, e => e.GetProperty("param").GetString() == param);
        Assert.False(Holds(await api.GetFromJsonElementAsync(Readback(shop, field)), text), $"'{field}' was saved with the character.");
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Tabs_and_line_breaks_stay_allowed_in_a_description_but_not_in_a_name(string whitespace)
    {
        var shop = await ShopAsync();
        using var api = await ClientAsync(shop);

        var described = await api.PostOkAsync($"/api/v1/products/{shop.Product}", JsonSerializer.Serialize(new { description = $"Roasted{whitespace}weekly" }));
        using var named = await api.PostJsonAsync($"/api/v1/products/{shop.Product}", JsonSerializer.Serialize(new { name = $"Coffee{whitespace}beans" }));

        Assert.Equal($"Roasted{whitespace}weekly", described.GetProperty("description").GetString());
        await named.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "name");
    }

    private static (string Url, object Body, string Param) Request(Shop shop, string field, string text) => field switch
    {
        "product.name" => ("/api/v1/products", new { name = text }, "name"),
        "product.description" => ("/api/v1/products", new { name = "Beans", description = text }, "description"),
        "product.lookup_key" => ("/api/v1/products", new { name = "Beans", lookup_key = text }, "lookup_key"),
        "price.nickname" => ("/api/v1/prices", new { product = shop.Product, currency = "usd", type = "one_time", billing_scheme = "per_unit", unit_amount = 100, nickname = text }, "nickname"),
        "price_update.nickname" => ($"/api/v1/prices/{shop.Price}", new { nickname = text }, "nickname"),
        "offer.name" => ("/api/v1/offers", new { name = text, slug = "odd-" + Guid.NewGuid().ToString("N")[..8], currency = "usd" }, "name"),
        "slot.name" => ($"/api/v1/offers/{shop.Offer}/slots", new { key = "grinder", name = text, price = shop.Price }, "name"),
        "slot.key" => ($"/api/v1/offers/{shop.Offer}/slots", new { key = text, name = "Grinder", price = shop.Price }, "key"),
        "organization.name" => ("/api/v1/organization", new { name = text }, "name"),
        "refund.reason" => ($"/api/v1/orders/{shop.Order}/refunds", new { amount = 100, reason = text }, "reason"),
        "tax_rate.state" => ("/api/v1/tax_rates", new { display_name = "Sales tax", country = "US", state = text, percentage = 5 }, "state"),
        "tax_rate.display_name" => ("/api/v1/tax_rates", new { display_name = text, country = "US", percentage = 5 }, "display_name"),
        "discount_code.code" => ("/api/v1/discount_codes", new { code = text, percent_off = 10 }, "code"),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private async Task<HttpClient> ClientAsync(Shop shop) => factory.CreateApiClient(await factory.CreateApiKeyAsync(shop.OrganizationId));

    private static bool Holds(JsonElement json, string text) => json.ValueKind switch
    {
        JsonValueKind.String => string.Equals(json.GetString(), text, StringComparison.Ordinal),
        JsonValueKind.Object => json.EnumerateObject().Any(p => Holds(p.Value, text)),
        JsonValueKind.Array => json.EnumerateArray().Any(e => Holds(e, text)),
        _ => false,
    };

    /// <summary>Where the refused text would show had it been saved.</summary>
    private static string Readback(Shop shop, string field) => field.Split('.')[0] switch
    {
        "product" => "/api/v1/products?limit=100",
        "price" or "price_update" => "/api/v1/prices?limit=100",
        "offer" => "/api/v1/offers?limit=100",
        "slot" => $"/api/v1/offers/{shop.Offer}",
        "organization" => "/api/v1/organization",
        "refund" => $"/api/v1/orders/{shop.Order}",
        "tax_rate" => "/api/v1/tax_rates?limit=100",
        _ => "/api/v1/discount_codes?limit=100",
    };
}
