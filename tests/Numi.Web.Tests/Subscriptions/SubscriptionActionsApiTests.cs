using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>The merchant's actions on a subscription through the API: each changes what GET answers and adds to the
/// timeline; refused transitions are 409s, bad bodies name their field, another organization's id is a 404.</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionActionsApiTests(NumiFactory factory)
{
    internal static async Task<string> SubscriptionIdAsync(HttpClient api, int quantity = 2)
    {
        await SubscriptionsTests.SubscribeAsync(api, $"ana-{Guid.NewGuid():N}@example.com", quantity);
        return (await api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
    }

    [Fact]
    public async Task Pause_resume_quantity_cancel_at_period_end_undo_and_cancel_each_show_and_are_in_the_timeline()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionIdAsync(api);

        var paused = await api.PostOkAsync($"/api/v1/subscriptions/{id}/pause", """{"note":"holiday"}""");
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, paused.GetProperty("paused_at").ValueKind);
        Assert.Equal("active", (await api.PostOkAsync($"/api/v1/subscriptions/{id}/resume", "")).GetProperty("status").GetString());
        var three = await api.PostOkAsync($"/api/v1/subscriptions/{id}", """{"quantity":3}""");
        var item = three.GetProperty("items").GetProperty("data")[0];
        Assert.Equal((3, 6600), (item.GetProperty("quantity").GetInt32(), item.GetProperty("amount").GetInt64()));
        var scheduled = await api.PostOkAsync($"/api/v1/subscriptions/{id}/cancel", """{"at_period_end":true}""");
        Assert.Equal(("active", true), (scheduled.GetProperty("status").GetString(), scheduled.GetProperty("cancel_at_period_end").GetBoolean()));
        Assert.False((await api.PostOkAsync($"/api/v1/subscriptions/{id}/undo_cancel", "{}")).GetProperty("cancel_at_period_end").GetBoolean());
        var canceled = await api.PostOkAsync($"/api/v1/subscriptions/{id}/cancel", """{"note":"too expensive"}""");
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());
        Assert.Equal(canceled.GetProperty("canceled_at").GetInt64(), canceled.GetProperty("ended_at").GetInt64());
        Assert.Equal("canceled", (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("status").GetString());

        var timeline = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline?limit=100");
        var events = timeline.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["canceled", "cancel_undone", "cancel_scheduled", "quantity_changed", "resumed", "paused"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal(("subscription_event", id), (e.GetProperty("object").GetString(), e.GetProperty("subscription").GetString())));
        Assert.Equal(("active", "canceled", "too expensive"), (events[0].GetProperty("from_status").GetString(), events[0].GetProperty("to_status").GetString(), events[0].GetProperty("note").GetString()));
        Assert.Equal("quantity 2 → 3", events[3].GetProperty("detail").GetString());
        Assert.Equal(("active", "paused", "holiday"), (events[5].GetProperty("from_status").GetString(), events[5].GetProperty("to_status").GetString(), events[5].GetProperty("note").GetString()));
        var page = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline?limit=2");
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(events.Skip(2).Take(2).Select(e => e.GetProperty("id").GetString()),
            (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline?limit=2&starting_after={page.Ids()[1]}")).Ids());
    }

    [Fact]
    public async Task Cancel_after_cycles_is_set_changed_and_cleared_each_in_the_timeline_and_refused_once_canceled()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionIdAsync(api);
        Assert.Equal(JsonValueKind.Null, (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("cancel_after_cycles").ValueKind);

        var three = await api.PostOkAsync($"/api/v1/subscriptions/{id}", """{"cancel_after_cycles":3,"note":"a three-month gift"}""");
        Assert.Equal((3, 1, 2), (three.GetProperty("cancel_after_cycles").GetInt32(), three.GetProperty("cycles_paid").GetInt32(),
            three.GetProperty("items").GetProperty("data")[0].GetProperty("quantity").GetInt32()));
        Assert.Equal(1, (await api.PostOkAsync($"/api/v1/subscriptions/{id}", """{"cancel_after_cycles":1}""")).GetProperty("cancel_after_cycles").GetInt32());
        var cleared = await api.PostOkAsync($"/api/v1/subscriptions/{id}", """{"cancel_after_cycles":null}""");
        Assert.Equal((JsonValueKind.Null, "active"), (cleared.GetProperty("cancel_after_cycles").ValueKind, cleared.GetProperty("status").GetString()));

        var events = (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([("cancel_after_cycles_changed", "no longer ends after 1 paid period"), ("cancel_after_cycles_changed", "ends after 1 paid period (was 3)"),
            ("cancel_after_cycles_changed", "ends after 3 paid periods")], events.Select(e => (e.GetProperty("type").GetString(), e.GetProperty("detail").GetString())));
        Assert.Equal("a three-month gift", events[2].GetProperty("note").GetString());

        await api.PostOkAsync($"/api/v1/subscriptions/{id}/cancel", "{}");
        using var refused = await api.PostJsonAsync($"/api/v1/subscriptions/{id}", """{"cancel_after_cycles":5}""");
        await refused.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "cancel_after_cycles");
        Assert.Equal(JsonValueKind.Null, (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("cancel_after_cycles").ValueKind);
    }

    [Fact]
    public async Task Transitions_the_status_does_not_allow_are_conflicts_and_change_nothing()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionIdAsync(api);

        using var resume = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/resume", "{}");
        using var undo = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/undo_cancel", "{}");
        await api.PostOkAsync($"/api/v1/subscriptions/{id}/pause", "{}");
        using var atEnd = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/cancel", """{"at_period_end":true}""");

        await resume.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        await undo.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        await atEnd.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "at_period_end");
        var read = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(("paused", false), (read.GetProperty("status").GetString(), read.GetProperty("cancel_at_period_end").GetBoolean()));
        Assert.Single((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).Ids());
    }

    [Theory]
    [InlineData("", "{}", 400, "parameter_missing", "quantity")]
    [InlineData("", """{"quantity":0}""", 422, "parameter_invalid", "quantity")]
    [InlineData("", """{"quantity":2}""", 422, "parameter_invalid", "quantity")]
    [InlineData("", """{"quantity":"lots"}""", 400, "parameter_invalid", "quantity")]
    [InlineData("", """{"cancel_after_cycles":0}""", 422, "parameter_invalid", "cancel_after_cycles")]
    [InlineData("", """{"cancel_after_cycles":-3}""", 422, "parameter_invalid", "cancel_after_cycles")]
    [InlineData("", """{"cancel_after_cycles":1.5}""", 400, "parameter_invalid", "cancel_after_cycles")]
    [InlineData("", """{"cancel_after_cycles":"two"}""", 400, "parameter_invalid", "cancel_after_cycles")]
    [InlineData("", """{"cancel_after_cycles":null}""", 422, "parameter_invalid", "cancel_after_cycles")]
    [InlineData("", """{"cancel_after_cycles":4,"quantity":3}""", 400, "parameter_invalid", "cancel_after_cycles")]
    [InlineData("/cancel", """{"at_period_end":"yes"}""", 400, "parameter_invalid", "at_period_end")]
    [InlineData("/cancel", """{"when":"now"}""", 400, "parameter_unknown", "when")]
    [InlineData("/pause", """{"note":"a\u0007b"}""", 422, "parameter_invalid", "note")]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing(string action, string body, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionIdAsync(api);

        using var response = await api.PostJsonAsync($"/api/v1/subscriptions/{id}{action}", body);

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        var read = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(("active", 2), (read.GetProperty("status").GetString(), read.GetProperty("items").GetProperty("data")[0].GetProperty("quantity").GetInt32()));
        Assert.Empty((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).Ids());
    }

    [Theory]
    [InlineData("/cancel")]
    [InlineData("/pause")]
    [InlineData("/resume")]
    [InlineData("/undo_cancel")]
    [InlineData("")]
    public async Task Another_organizations_subscription_is_not_found_and_not_changed(string action)
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var id = await SubscriptionIdAsync(owner);

        using var response = await other.PostJsonAsync($"/api/v1/subscriptions/{id}{action}", action == "" ? """{"quantity":3}""" : "{}");
        using var timeline = await other.GetAsync($"/api/v1/subscriptions/{id}/timeline");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await timeline.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        var read = await owner.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(("active", 2), (read.GetProperty("status").GetString(), read.GetProperty("items").GetProperty("data")[0].GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public async Task A_cancel_repeated_with_its_idempotency_key_is_replayed_not_refused()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionIdAsync(api);
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithKeyAsync(api, $"/api/v1/subscriptions/{id}/cancel", key);
        using var replay = await PostWithKeyAsync(api, $"/api/v1/subscriptions/{id}/cancel", key);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Single((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).Ids());
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_on_each_action()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var cancel = await api.PostJsonAsync($"/api/v1/subscriptions/sub_{Guid.NewGuid():N}/cancel", "{}");
        using var malformed = await api.PostJsonAsync("/api/v1/subscriptions/cus_1/pause", "{}");
        await cancel.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await malformed.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient api, string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = ApiCalls.Json("""{"at_period_end":false}""") };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }
}
