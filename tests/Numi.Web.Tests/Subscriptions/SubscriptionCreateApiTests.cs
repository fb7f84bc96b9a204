using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary><c>POST /api/v1/subscriptions</c>: a customer with a saved card subscribed without a checkout. The first
/// period is charged at once (or a trial charges nothing), the answer is GET's subscription with a 201, every refusal
/// is a problem naming its field and makes nothing, and a replayed Idempotency-Key answers the first result.</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionCreateApiTests(NumiFactory factory)
{
    /// <summary>A customer whose checkout saved pm_card_visa, and the monthly $22.00 price they bought.</summary>
    private static async Task<(string Customer, string Price)> CustomerWithCardAsync(HttpClient api)
    {
        var order = await SubscriptionsTests.SubscribeAsync(api, $"ana-{Guid.NewGuid():N}@example.com");
        return (order.GetProperty("customer").GetString()!, order.GetProperty("lines")[0].GetProperty("price").GetString()!);
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient api, string json)
    {
        using var response = await api.PostJsonAsync("/api/v1/subscriptions", json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        var subscription = await response.JsonAsync();
        Assert.Equal($"/api/v1/subscriptions/{subscription.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return subscription;
    }

    private static async Task<List<string?>> TimelineAsync(HttpClient api, string id) =>
        [.. (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString())];

    [Fact]
    public async Task A_customer_with_a_saved_card_is_charged_the_first_period_and_gets_the_subscription_as_get_shows_it()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (customer, price) = await CustomerWithCardAsync(api);

        var created = await CreatedAsync(api, $$"""{"customer":"{{customer}}","price":"{{price}}","quantity":2,"note":"sold by phone"}""");

        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(("active", customer, JsonValueKind.Null, 1, "pm_card_visa"), (created.GetProperty("status").GetString(), created.GetProperty("customer").GetString(),
            created.GetProperty("order").ValueKind, created.GetProperty("cycles_paid").GetInt32(), created.GetProperty("default_payment_method").GetString()));
        var item = created.GetProperty("items").GetProperty("data")[0];
        Assert.Equal((2, 4_400L, price), (item.GetProperty("quantity").GetInt32(), item.GetProperty("amount").GetInt64(), item.GetProperty("price").GetProperty("id").GetString()));
        Assert.Equal(created.ToString(), (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).ToString());
        var invoice = (await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={id}")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal(("paid", 4_400L), (invoice.GetProperty("status").GetString(), invoice.GetProperty("amount_paid").GetInt64()));
        Assert.Equal(["renewed", "created"], await TimelineAsync(api, id));
    }

    [Fact]
    public async Task A_plans_trial_applies_by_default_and_trial_period_days_overrides_it_charging_nothing()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (customer, price) = await CustomerWithCardAsync(api);
        var plan = (await api.PostOkAsync("/api/v1/plans", """{"price":"PRICE","name":"Club","settings":{"trial_days":14,"campaign":{"steps":[{"day":1,"email":{"subject":"s","body":"{{update_card_url}}"}}]},"retry":{"after_last_retry":"cancel"}}}"""
            .Replace("PRICE", price, StringComparison.Ordinal))).GetProperty("id").GetString();

        var byPlan = await CreatedAsync(api, $$"""{"customer":"{{customer}}","plan":"{{plan}}"}""");
        var asked = await CreatedAsync(api, $$"""{"customer":"{{customer}}","plan":"{{plan}}","trial_period_days":3}""");
        var none = await CreatedAsync(api, $$"""{"customer":"{{customer}}","plan":"{{plan}}","trial_period_days":0}""");

        Assert.Equal(("trialing", "trialing", "active"), (byPlan.GetProperty("status").GetString(), asked.GetProperty("status").GetString(), none.GetProperty("status").GetString()));
        Assert.Equal(14 * 86_400L, byPlan.GetProperty("current_period_end").GetInt64() - byPlan.GetProperty("current_period_start").GetInt64());
        Assert.Equal(3 * 86_400L, asked.GetProperty("current_period_end").GetInt64() - asked.GetProperty("current_period_start").GetInt64());
        Assert.Empty((await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={byPlan.GetProperty("id").GetString()}")).Ids());
        Assert.Equal(["created"], await TimelineAsync(api, byPlan.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task A_declined_first_charge_answers_an_incomplete_subscription_with_its_open_invoice()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (customer, price) = await CustomerWithCardAsync(api);

        var created = await CreatedAsync(api, $$"""{"customer":"{{customer}}","price":"{{price}}","payment_method":"pm_card_chargeCustomerFail"}""");

        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(("incomplete", 0), (created.GetProperty("status").GetString(), created.GetProperty("cycles_paid").GetInt32()));
        var invoice = (await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={id}")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        Assert.Equal(["payment_failed", "created"], await TimelineAsync(api, id));
    }

    [Theory]
    [InlineData("""{"price":"PRICE"}""", 400, "parameter_missing", "customer")]
    [InlineData("""{"customer":"ord_1","price":"PRICE"}""", 400, "parameter_invalid", "customer")]
    [InlineData("""{"customer":"CUSTOMER"}""", 400, "parameter_missing", "plan")]
    [InlineData("""{"customer":"CUSTOMER","plan":"plan_0195f0a0b0c07d8e9f0a1b2c3d4e5f60"}""", 404, "resource_missing", "plan")]
    [InlineData("""{"customer":"cus_0195f0a0b0c07d8e9f0a1b2c3d4e5f60","price":"PRICE"}""", 404, "resource_missing", "customer")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","quantity":0}""", 422, "parameter_invalid", "quantity")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","quantity":10001}""", 422, "parameter_invalid", "quantity")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","trial_period_days":-1}""", 422, "parameter_invalid", "trial_period_days")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","trial_period_days":731}""", 422, "parameter_invalid", "trial_period_days")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","trial_period_days":"soon"}""", 400, "parameter_invalid", "trial_period_days")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","payment_method":"pm_card_chargeDeclined"}""", 402, "card_declined", "payment_method")]
    [InlineData("""{"customer":"CUSTOMER","price":"PRICE","interval":"month"}""", 400, "parameter_unknown", "interval")]
    public async Task A_bad_request_is_a_problem_naming_the_field_and_makes_nothing(string json, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (customer, price) = await CustomerWithCardAsync(api);

        using var response = await api.PostJsonAsync("/api/v1/subscriptions",
            json.Replace("CUSTOMER", customer, StringComparison.Ordinal).Replace("PRICE", price, StringComparison.Ordinal));

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        Assert.Single((await api.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());
    }

    [Fact]
    public async Task A_customer_with_no_saved_card_is_a_conflict_that_says_so()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (customer, price) = await CustomerWithCardAsync(api);
        Assert.True(PublicId.TryParse(IdPrefixes.Customer, customer, out var key));
        await factory.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == key)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DefaultPaymentMethod, (string?)null)));

        using var response = await api.PostJsonAsync("/api/v1/subscriptions", $$"""{"customer":"{{customer}}","price":"{{price}}"}""");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "payment_method");
        Assert.Contains("no saved payment method", problem.GetProperty("detail").GetString());
        Assert.Single((await api.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());
    }

    [Fact]
    public async Task Another_organizations_customer_or_price_is_not_found()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var (customer, price) = await CustomerWithCardAsync(owner);
        var (otherCustomer, _) = await CustomerWithCardAsync(other);

        using var foreignCustomer = await other.PostJsonAsync("/api/v1/subscriptions", $$"""{"customer":"{{customer}}","price":"{{price}}"}""");
        using var foreignPrice = await other.PostJsonAsync("/api/v1/subscriptions", $$"""{"customer":"{{otherCustomer}}","price":"{{price}}"}""");

        await foreignCustomer.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "customer");
        await foreignPrice.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "price");
        Assert.Single((await owner.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());
        Assert.Single((await other.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());
    }

    [Fact]
    public async Task A_replayed_idempotency_key_answers_the_first_subscription_without_charging_again()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (customer, price) = await CustomerWithCardAsync(api);
        var key = Guid.NewGuid().ToString("N");
        var json = $$"""{"customer":"{{customer}}","price":"{{price}}"}""";

        using var first = await PostAsync(api, key, json);
        using var replay = await PostAsync(api, key, json);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, replay.StatusCode));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        var id = (await first.JsonAsync()).GetProperty("id").GetString();
        Assert.Equal(id, (await replay.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal(2, (await api.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids().Count);
        Assert.Single((await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={id}")).Ids());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/subscriptions") { Content = ApiCalls.Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
