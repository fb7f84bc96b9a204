using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/prices through HTTP: each billing scheme round trips; every bad input is refused on the right
/// parameter and saves nothing; amounts change only through /replace.</summary>
[Collection(AppCollection.Name)]
public sealed class PricesApiTests(NumiFactory factory)
{
    [Fact]
    public async Task Graduated_tiered_price_from_the_issue_round_trips()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        var created = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"tiered","tiers_mode":"graduated","tiers":[{"up_to":5,"unit_amount":500},{"up_to":null,"unit_amount":300}]}""");
        var id = created.GetProperty("id").GetString()!;
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{id}");

        Assert.StartsWith("price_", id);
        Assert.Equal("price", created.GetProperty("object").GetString());
        Assert.Equal(product, created.GetProperty("product").GetString());
        Assert.Equal("usd", created.GetProperty("currency").GetString());
        Assert.Equal("one_time", created.GetProperty("type").GetString());
        Assert.Equal("tiered", created.GetProperty("billing_scheme").GetString());
        Assert.Equal("graduated", created.GetProperty("tiers_mode").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("unit_amount").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("recurring").ValueKind);
        var tiers = created.GetProperty("tiers");
        Assert.Equal(2, tiers.GetArrayLength());
        Assert.Equal(5, tiers[0].GetProperty("up_to").GetInt64());
        Assert.Equal(500, tiers[0].GetProperty("unit_amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, tiers[1].GetProperty("up_to").ValueKind);
        Assert.Equal(300, tiers[1].GetProperty("unit_amount").GetInt64());
        Assert.Equal("list", created.GetProperty("scope").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("replaced_by").ValueKind);
        Assert.True(JsonElement.DeepEquals(created, read), $"POST answered {created} but GET answered {read}");
        Assert.Equal([id], await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task Recurring_monthly_per_unit_price_round_trips()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        var created = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"recurring","recurring":{"interval":"month","cancel_after_cycles":12},"billing_scheme":"per_unit","unit_amount":1500,"nickname":"Monthly"}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{created.GetProperty("id").GetString()}");

        Assert.Equal("recurring", created.GetProperty("type").GetString());
        var recurring = created.GetProperty("recurring");
        Assert.Equal("month", recurring.GetProperty("interval").GetString());
        Assert.Equal(1, recurring.GetProperty("interval_count").GetInt32());
        Assert.Equal(12, recurring.GetProperty("cancel_after_cycles").GetInt32());
        Assert.Equal("per_unit", created.GetProperty("billing_scheme").GetString());
        Assert.Equal(1500, created.GetProperty("unit_amount").GetInt64());
        Assert.Equal("Monthly", created.GetProperty("nickname").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("package").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("tiers").ValueKind);
        Assert.True(JsonElement.DeepEquals(created, read), $"POST answered {created} but GET answered {read}");
    }

    [Fact]
    public async Task Package_price_round_trips_and_quotes_started_packages()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        var created = await client.PostOkAsync("/api/v1/prices",
            $$$"""{"product":"{{{product}}}","currency":"usd","type":"one_time","billing_scheme":"package","package":{"size":10,"unit_amount":2000}}""");
        var id = created.GetProperty("id").GetString()!;
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{id}");
        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{id}/quote?quantity=11");

        Assert.Equal("package", created.GetProperty("billing_scheme").GetString());
        Assert.Equal(10, created.GetProperty("package").GetProperty("size").GetInt64());
        Assert.Equal(2000, created.GetProperty("package").GetProperty("unit_amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("unit_amount").ValueKind);
        Assert.True(JsonElement.DeepEquals(created, read), $"POST answered {created} but GET answered {read}");
        Assert.Equal(4000, quote.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Zero_decimal_yen_price_keeps_whole_yen()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        var created = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"jpy","type":"one_time","billing_scheme":"per_unit","unit_amount":500}""");
        var id = created.GetProperty("id").GetString()!;
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{id}");
        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{id}/quote?quantity=3");

        Assert.Equal("jpy", read.GetProperty("currency").GetString());
        Assert.Equal(500, read.GetProperty("unit_amount").GetInt64());
        Assert.Equal(1500, quote.GetProperty("amount").GetInt64());
        Assert.Equal("jpy", quote.GetProperty("currency").GetString());
        var description = quote.GetProperty("description").GetString()!;
        Assert.Contains("500", description);
        Assert.DoesNotContain("5.00", description);
    }

    [Fact]
    public async Task Upper_case_currency_is_stored_lower_case()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        var created = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"EUR","type":"one_time","billing_scheme":"per_unit","unit_amount":900}""");

        Assert.Equal("eur", created.GetProperty("currency").GetString());
    }

    public static TheoryData<string, string, HttpStatusCode, string, string> BadPrices => new()
    {
        {
            "tiers unsorted",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[{'up_to':10,'unit_amount':500},{'up_to':5,'unit_amount':400},{'up_to':null,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[1].up_to"
        },
        {
            "tiers overlapping (same up_to)",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[{'up_to':5,'unit_amount':500},{'up_to':5,'unit_amount':400},{'up_to':null,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[1].up_to"
        },
        {
            "gap between tiers",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[{'up_to':5,'unit_amount':500},{'from':8,'up_to':null,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[1].from"
        },
        {
            "overlap via from",
            "'billing_scheme':'tiered','tiers_mode':'volume','tiers':[{'up_to':5,'unit_amount':500},{'from':4,'up_to':null,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[1].from"
        },
        {
            "last tier not open-ended",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[{'up_to':5,'unit_amount':500},{'up_to':10,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[1].up_to"
        },
        {
            "open-ended tier before the last",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[{'up_to':null,'unit_amount':500},{'up_to':null,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[0].up_to"
        },
        {
            "tiered without tiers",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[]",
            HttpStatusCode.BadRequest, "parameter_missing", "tiers"
        },
        {
            "negative tier amount",
            "'billing_scheme':'tiered','tiers_mode':'graduated','tiers':[{'up_to':5,'unit_amount':-1},{'up_to':null,'unit_amount':300}]",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers[0].unit_amount"
        },
        {
            "negative unit_amount",
            "'billing_scheme':'per_unit','unit_amount':-500",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "unit_amount"
        },
        {
            "unit_amount beyond the largest amount",
            "'billing_scheme':'per_unit','unit_amount':100000000000",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "unit_amount"
        },
        {
            "per_unit without unit_amount",
            "'billing_scheme':'per_unit'",
            HttpStatusCode.BadRequest, "parameter_missing", "unit_amount"
        },
        {
            "unit_amount as a string",
            "'billing_scheme':'per_unit','unit_amount':'5.00'",
            HttpStatusCode.BadRequest, "parameter_invalid", "unit_amount"
        },
        {
            "package of size 0",
            "'billing_scheme':'package','package':{'size':0,'unit_amount':2000}",
            HttpStatusCode.UnprocessableEntity, "parameter_invalid", "package.size"
        },
        {
            "unknown billing scheme",
            "'billing_scheme':'flat'",
            HttpStatusCode.BadRequest, "parameter_invalid", "billing_scheme"
        },
    };

    [Theory]
    [MemberData(nameof(BadPrices))]
    public async Task Bad_amounts_are_refused_on_their_param_and_nothing_is_saved(
        string because, string scheme, HttpStatusCode status, string code, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time",{{scheme.Replace('\'', '"')}}}""");

        _ = because; // names the case in the test list
        await response.ProblemAsync(status, code, param);
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    public static TheoryData<string, HttpStatusCode, string, string> BadSchedules => new()
    {
        { "'currency':'xyz','type':'one_time'", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "currency" },
        { "'type':'one_time'", HttpStatusCode.BadRequest, "parameter_missing", "currency" },
        { "'currency':'usd','type':'recurring'", HttpStatusCode.BadRequest, "parameter_missing", "recurring.interval" },
        { "'currency':'usd','type':'recurring','recurring':{}", HttpStatusCode.BadRequest, "parameter_missing", "recurring.interval" },
        { "'currency':'usd','type':'recurring','recurring':{'interval':'fortnight'}", HttpStatusCode.BadRequest, "parameter_invalid", "recurring.interval" },
        { "'currency':'usd','type':'recurring','recurring':{'interval':'month','interval_count':37}", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "recurring.interval_count" },
        { "'currency':'usd','type':'recurring','recurring':{'interval':'month','cancel_after_cycles':0}", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "recurring.cancel_after_cycles" },
        { "'currency':'usd','type':'recurring','recurring':{'interval':'month','every':2}", HttpStatusCode.BadRequest, "parameter_unknown", "recurring.every" },
        { "'currency':'usd','type':'one_time','recurring':{'interval':'month'}", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "recurring" },
        { "'currency':'usd'", HttpStatusCode.BadRequest, "parameter_missing", "type" },
    };

    [Theory]
    [InlineData("interval", "\"month\"", "recurring.interval")]
    [InlineData("interval_count", "2", "recurring.interval_count")]
    [InlineData("cancel_after_cycles", "6", "recurring.cancel_after_cycles")]
    public async Task A_flat_schedule_field_is_refused_with_where_it_belongs_now(string field, string value, string nested)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"recurring","{{field}}":{{value}},"billing_scheme":"per_unit","unit_amount":500}""");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_unknown", field);
        Assert.Contains(nested, problem.GetProperty("detail").GetString());
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    [Theory]
    [MemberData(nameof(BadSchedules))]
    public async Task Bad_currency_or_schedule_is_refused_on_its_param_and_nothing_is_saved(
        string schedule, HttpStatusCode status, string code, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}",{{schedule.Replace('\'', '"')}},"billing_scheme":"per_unit","unit_amount":500}""");

        await response.ProblemAsync(status, code, param);
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task Custom_price_in_another_currency_than_its_parent_is_refused_on_parent_list_price()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var parent = await client.CreatePerUnitPriceAsync(product, 1000, "usd");

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"eur","type":"one_time","billing_scheme":"per_unit","unit_amount":900,"scope":"custom","parent_list_price":"{{parent}}"}""");
        var custom = await client.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":900,"scope":"custom","parent_list_price":"{{parent}}"}""");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "parent_list_price");
        Assert.Equal("custom", custom.GetProperty("scope").GetString());
        Assert.Equal(parent, custom.GetProperty("parent_list_price").GetString());
        Assert.Equal([custom.GetProperty("id").GetString()!, parent], await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task Custom_price_without_parent_is_refused_on_parent_list_price()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":900,"scope":"custom"}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "parent_list_price");
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task Unknown_or_foreign_product_is_refused_on_product_and_nothing_is_saved()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        using var _other = other;
        var foreign = await other.CreateProductAsync();

        foreach (var product in new[] { $"prod_{Guid.NewGuid():N}", foreign })
        {
            using var response = await client.PostJsonAsync("/api/v1/prices",
                $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":500}""");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity,
                $"{product}: expected 400, 404 or 422, got {(int)response.StatusCode}: {body}");
            await response.ProblemAsync(response.StatusCode, problemCode(response.StatusCode), "product");
        }
        using var malformed = await client.PostJsonAsync("/api/v1/prices",
            """{"product":"price_123","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":500}""");

        await malformed.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "product");
        Assert.Empty((await client.GetFromJsonElementAsync("/api/v1/prices")).Ids());
        Assert.Empty(await other.PriceIdsAsync(foreign));

        static string problemCode(HttpStatusCode status) => status == HttpStatusCode.NotFound ? "resource_missing" : "parameter_invalid";
    }

    [Fact]
    public async Task Archived_product_takes_no_new_prices()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        await client.PostOkAsync($"/api/v1/products/{product}", """{"active":false}""");

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":500}""");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "product");
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    [Theory]
    [InlineData("""{"unit_amount":700}""", "unit_amount")]
    [InlineData("""{"currency":"eur"}""", "currency")]
    [InlineData("""{"tiers":[{"up_to":null,"unit_amount":1}]}""", "tiers")]
    [InlineData("""{"recurring":{"interval":"year"}}""", "recurring")]
    public async Task Amounts_never_change_in_place(string body, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);

        using var response = await client.PostJsonAsync($"/api/v1/prices/{price}", body);
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", param);
        Assert.Contains("replace", problem.GetProperty("detail").GetString());
        Assert.Equal(500, read.GetProperty("unit_amount").GetInt64());
        Assert.Equal("usd", read.GetProperty("currency").GetString());
        Assert.True(read.GetProperty("active").GetBoolean());
        Assert.Equal([price], await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task Nickname_changes_in_place()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);

        var renamed = await client.PostOkAsync($"/api/v1/prices/{price}", """{"nickname":"Intro"}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}");

        Assert.Equal(price, renamed.GetProperty("id").GetString());
        Assert.Equal("Intro", read.GetProperty("nickname").GetString());
        Assert.Equal(500, read.GetProperty("unit_amount").GetInt64());
    }

    [Fact]
    public async Task Replacing_amounts_makes_a_new_price_archives_the_old_and_repoints_offers()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var old = await client.CreatePerUnitPriceAsync(product, 500);
        var slug = "coffee-" + Guid.NewGuid().ToString("N")[..8];
        var offer = await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Coffee","slug":"{{slug}}","currency":"usd","status":"published","slots":[{"key":"coffee","name":"Coffee","price":"{{old}}","quantity":1}]}""");
        var offerId = offer.GetProperty("id").GetString()!;

        var replacement = await client.PostOkAsync($"/api/v1/prices/{old}/replace", """{"billing_scheme":"per_unit","unit_amount":600}""");
        var replacementId = replacement.GetProperty("id").GetString()!;
        var oldRead = await client.GetFromJsonElementAsync($"/api/v1/prices/{old}");
        var offerRead = await client.GetFromJsonElementAsync($"/api/v1/offers/{offerId}");
        var quote = await client.GetFromJsonElementAsync($"/api/v1/prices/{replacementId}/quote?quantity=2");

        Assert.StartsWith("price_", replacementId);
        Assert.NotEqual(old, replacementId);
        Assert.Equal(600, replacement.GetProperty("unit_amount").GetInt64());
        Assert.Equal(product, replacement.GetProperty("product").GetString());
        Assert.Equal("usd", replacement.GetProperty("currency").GetString());
        Assert.True(replacement.GetProperty("active").GetBoolean());
        Assert.False(oldRead.GetProperty("active").GetBoolean());
        Assert.Equal(replacementId, oldRead.GetProperty("replaced_by").GetString());
        Assert.Equal(500, oldRead.GetProperty("unit_amount").GetInt64());
        var slot = offerRead.GetProperty("slots")[0];
        Assert.Equal(replacementId, slot.GetProperty("price").GetString());
        Assert.Equal([replacementId], slot.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("price").GetString()!).ToList());
        Assert.Equal(1200, quote.GetProperty("amount").GetInt64());
        Assert.Equal([replacementId, old], await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task A_price_an_offer_sells_cannot_be_archived()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);
        var unused = await client.CreatePerUnitPriceAsync(product, 700);
        await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Coffee","slug":"coffee-{{Guid.NewGuid().ToString("N")[..8]}}","currency":"usd","slots":[{"key":"coffee","name":"Coffee","price":"{{price}}"}]}""");

        using var refused = await client.PostJsonAsync($"/api/v1/prices/{price}", """{"active":false}""");
        var archived = await client.PostOkAsync($"/api/v1/prices/{unused}", """{"active":false}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}");
        var inactive = await client.GetFromJsonElementAsync($"/api/v1/prices?product={product}&active=false");

        await refused.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.True(read.GetProperty("active").GetBoolean());
        Assert.False(archived.GetProperty("active").GetBoolean());
        Assert.Equal([unused], inactive.Ids());
    }

    [Fact]
    public async Task Replacing_with_bad_amounts_changes_nothing()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);

        using var response = await client.PostJsonAsync($"/api/v1/prices/{price}/replace", """{"billing_scheme":"per_unit","unit_amount":-1}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "unit_amount");
        Assert.True(read.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("replaced_by").ValueKind);
        Assert.Equal([price], await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task A_replaced_price_cannot_be_replaced_again()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);
        await client.PostOkAsync($"/api/v1/prices/{price}/replace", """{"billing_scheme":"per_unit","unit_amount":600}""");

        using var again = await client.PostJsonAsync($"/api/v1/prices/{price}/replace", """{"billing_scheme":"per_unit","unit_amount":700}""");

        await again.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal(2, (await client.PriceIdsAsync(product)).Count);
    }

    [Fact]
    public async Task Another_organizations_price_is_404()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        using var _other = other;
        var foreign = await other.CreatePerUnitPriceAsync(await other.CreateProductAsync(), 500);

        using var read = await client.GetAsync($"/api/v1/prices/{foreign}");
        using var replace = await client.PostJsonAsync($"/api/v1/prices/{foreign}/replace", """{"billing_scheme":"per_unit","unit_amount":1}""");
        using var archive = await client.PostJsonAsync($"/api/v1/prices/{foreign}", """{"active":false}""");
        var own = await other.GetFromJsonElementAsync($"/api/v1/prices/{foreign}");

        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await replace.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await archive.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        Assert.True(own.GetProperty("active").GetBoolean());
        Assert.Equal(500, own.GetProperty("unit_amount").GetInt64());
    }

    [Theory]
    [InlineData("""{"recurring":{"interval":"year"},"unit_amount":900}""", "recurring")]
    [InlineData("""{"currency":"eur","unit_amount":900}""", "currency")]
    [InlineData("""{"nickname":"New","unit_amount":900}""", "nickname")]
    public async Task Replace_refuses_what_is_not_an_amount_and_keeps_the_price(string body, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);

        using var response = await client.PostJsonAsync($"/api/v1/prices/{price}/replace", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", param);
        Assert.Equal([price], await client.PriceIdsAsync(product));
        Assert.True((await client.GetFromJsonElementAsync($"/api/v1/prices/{price}")).GetProperty("active").GetBoolean());
    }
}
