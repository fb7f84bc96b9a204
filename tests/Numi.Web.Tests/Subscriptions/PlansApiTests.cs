using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>/api/v1/plans: a recurring price with its settings, validated with params, one per price, archived once,
/// inside its organization.</summary>
[Collection(AppCollection.Name)]
public sealed class PlansApiTests(NumiFactory factory)
{
    internal static async Task<string> RecurringPriceAsync(HttpClient api, long unitAmount = 2200)
    {
        var product = await api.CreateProductAsync("Coffee Club");
        return (await api.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"recurring","recurring":{"interval":"month"},"billing_scheme":"per_unit","unit_amount":{{unitAmount}}}"""))
            .GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_plan_is_created_read_listed_updated_and_archived_with_its_settings()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var price = await RecurringPriceAsync(api);

        var created = await api.PostOkAsync("/api/v1/plans", """{"price":"PRICE","name":"Club monthly","settings":{"trial_days":14,"campaign":{"steps":[{"day":2,"email":{"subject":"Card declined","body":"Fix it: {{update_card_url}}"}}]},"retry":{"strategy":"fixed","fixed_days":[1,3],"max_retries":2,"time_zone":"Europe/Paris","after_last_retry":"cancel"}}}""".Replace("PRICE", price, StringComparison.Ordinal));
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("plan_", id);
        Assert.Equal(("plan", price, "Club monthly", true), (created.GetProperty("object").GetString(), created.GetProperty("price").GetString(),
            created.GetProperty("name").GetString(), created.GetProperty("active").GetBoolean()));
        var settings = created.GetProperty("settings");
        Assert.Equal(14, settings.GetProperty("trial_days").GetInt32());
        Assert.Equal(2, settings.GetProperty("campaign").GetProperty("steps")[0].GetProperty("day").GetInt32());
        Assert.Equal(("fixed", "Europe/Paris", "cancel", 17), (settings.GetProperty("retry").GetProperty("strategy").GetString(),
            settings.GetProperty("retry").GetProperty("time_zone").GetString(), settings.GetProperty("retry").GetProperty("after_last_retry").GetString(),
            settings.GetProperty("retry").GetProperty("window_end_hour").GetInt32()));

        var read = await api.GetFromJsonElementAsync($"/api/v1/plans/{id}");
        Assert.Equal(created.GetRawText(), read.GetRawText());

        var renamed = await api.PostOkAsync($"/api/v1/plans/{id}", """{"name":"Club"}""");
        Assert.Equal(("Club", 14), (renamed.GetProperty("name").GetString(), renamed.GetProperty("settings").GetProperty("trial_days").GetInt32()));
        var other = await api.PostOkAsync("/api/v1/plans", $$"""{"price":"{{await RecurringPriceAsync(api, 900)}}","name":"Basic"}""");
        Assert.Equal(("mi_optimized", 0), (other.GetProperty("settings").GetProperty("retry").GetProperty("strategy").GetString(),
            other.GetProperty("settings").GetProperty("trial_days").GetInt32()));

        var archived = await api.PostOkAsync($"/api/v1/plans/{id}/archive", "{}");
        Assert.False(archived.GetProperty("active").GetBoolean());
        using var again = await api.PostJsonAsync($"/api/v1/plans/{id}/archive", "{}");
        await again.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");

        Assert.Equal([other.GetProperty("id").GetString()!], (await api.GetFromJsonElementAsync("/api/v1/plans?active=true")).Ids());
        Assert.Equal([id], (await api.GetFromJsonElementAsync("/api/v1/plans?active=false")).Ids());
        var page = await api.GetFromJsonElementAsync("/api/v1/plans?limit=1");
        Assert.Equal([other.GetProperty("id").GetString()!], page.Ids());
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal([id], (await api.GetFromJsonElementAsync($"/api/v1/plans?limit=1&starting_after={page.Ids()[0]}")).Ids());
    }

    [Theory]
    [InlineData("""{"name":"Club"}""", 400, "parameter_missing", "price")]
    [InlineData("""{"price":"prod_1","name":"Club"}""", 400, "parameter_invalid", "price")]
    [InlineData("""{"price":"PRICE","settings":{"trial_days":5}}""", 400, "parameter_missing", "name")]
    [InlineData("""{"price":"PRICE","name":"Club","settings":{"trial_days":731,"campaign":{"steps":[{"day":1,"email":{"subject":"s","body":"{{update_card_url}}"}}]},"retry":{}}}""", 422, "parameter_invalid", "settings.trial_days")]
    [InlineData("""{"price":"PRICE","name":"Club","settings":{"trial_days":0,"retry":{}}}""", 400, "parameter_missing", "settings.campaign")]
    [InlineData("""{"price":"PRICE","name":"Club","settings":{"trial_days":0,"campaign":{"steps":[{"day":1,"email":{"subject":"s","body":"{{update_card_url}}"}}]},"retry":{"strategy":"sometimes"}}}""", 400, "parameter_invalid", "settings.retry.strategy")]
    [InlineData("""{"price":"PRICE","name":"Club","settings":{"trial_days":0,"campaign":{"steps":[{"day":1,"email":{"subject":"s","body":"{{update_card_url}}"}}]},"retry":{"max_retries":99}}}""", 422, "parameter_invalid", "settings.retry.max_retries")]
    [InlineData("""{"price":"PRICE","name":"Club","settings":{"trial_days":0,"campaign":{"steps":[null]},"retry":{}}}""", 400, "parameter_missing", "settings.campaign.steps[0]")]
    [InlineData("""{"price":"PRICE","name":"Club","settings":{"trial_days":0,"campaign":{"steps":[null,null]},"retry":{}}}""", 400, "parameter_missing", "settings.campaign.steps[0]")]
    [InlineData("""{"price":"PRICE","name":"Club","trial_days":5}""", 400, "parameter_unknown", "trial_days")]
    [InlineData("""{"price":"PRICE","name":"Club\u001b"}""", 422, "parameter_invalid", "name")]
    public async Task Bad_input_is_a_problem_naming_the_field_and_saves_nothing(string body, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var price = await RecurringPriceAsync(api);

        using var response = await api.PostJsonAsync("/api/v1/plans", body.Replace("PRICE", price, StringComparison.Ordinal));

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        Assert.Empty((await api.GetFromJsonElementAsync("/api/v1/plans")).Ids());
    }

    [Fact]
    public async Task A_one_time_price_or_a_price_already_planned_is_refused_on_price()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var once = await api.CreatePerUnitPriceAsync(await api.CreateProductAsync(), 500);
        var monthly = await RecurringPriceAsync(api);
        await api.PostOkAsync("/api/v1/plans", $$"""{"price":"{{monthly}}","name":"First"}""");

        using var oneTime = await api.PostJsonAsync("/api/v1/plans", $$"""{"price":"{{once}}","name":"Once"}""");
        using var twice = await api.PostJsonAsync("/api/v1/plans", $$"""{"price":"{{monthly}}","name":"Second"}""");
        using var moved = await api.PostJsonAsync($"/api/v1/plans/{(await api.GetFromJsonElementAsync("/api/v1/plans")).Ids()[0]}", $$"""{"price":"{{once}}"}""");

        await oneTime.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "price");
        await twice.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "price");
        await moved.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "price");
        Assert.Single((await api.GetFromJsonElementAsync("/api/v1/plans")).Ids());
    }

    [Fact]
    public async Task Another_organizations_plan_and_price_are_not_found_nor_listed()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var price = await RecurringPriceAsync(owner);
        var id = (await owner.PostOkAsync("/api/v1/plans", $$"""{"price":"{{price}}","name":"Club"}""")).GetProperty("id").GetString()!;

        using var read = await other.GetAsync($"/api/v1/plans/{id}");
        using var update = await other.PostJsonAsync($"/api/v1/plans/{id}", """{"name":"Mine"}""");
        using var archive = await other.PostJsonAsync($"/api/v1/plans/{id}/archive", "{}");
        using var create = await other.PostJsonAsync("/api/v1/plans", $$"""{"price":"{{price}}","name":"Mine"}""");

        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await update.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await archive.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await create.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "price");
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/plans")).Ids());
        var mine = await owner.GetFromJsonElementAsync($"/api/v1/plans/{id}");
        Assert.Equal(("Club", true), (mine.GetProperty("name").GetString(), mine.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task A_create_repeated_with_its_idempotency_key_makes_one_plan()
    {
        var (organizationId, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var body = $$"""{"price":"{{await RecurringPriceAsync(api)}}","name":"Club"}""";
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithKeyAsync(api, key, body);
        using var replay = await PostWithKeyAsync(api, key, body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Plans.IgnoreQueryFilters().CountAsync(p => p.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task Plans_need_a_key()
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient api, string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = ApiCalls.Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }
}
