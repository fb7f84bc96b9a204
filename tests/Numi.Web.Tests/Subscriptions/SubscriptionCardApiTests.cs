using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>Replacing the card a subscription renews on, through the API: the processor keeps the card first (nothing is
/// charged), a refused card is a 402 that changes nothing, and the change is in the timeline.</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionCardApiTests(NumiFactory factory)
{
    private static async Task<(string? Card, List<JsonElement> Events)> ReadAsync(HttpClient api, string id) =>
        ((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("default_payment_method").GetString(),
            (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).GetProperty("data").EnumerateArray().ToList());

    [Fact]
    public async Task A_new_card_becomes_the_default_payment_method_and_is_in_the_timeline()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);
        Assert.Equal("pm_card_visa", (await ReadAsync(api, id)).Card);

        var changed = await api.PostOkAsync($"/api/v1/subscriptions/{id}/payment_method", """{"payment_method":"pm_card_mastercard","note":"new card"}""");

        Assert.Equal(("pm_card_mastercard", "active"), (changed.GetProperty("default_payment_method").GetString(), changed.GetProperty("status").GetString()));
        var (card, events) = await ReadAsync(api, id);
        Assert.Equal("pm_card_mastercard", card);
        var change = Assert.Single(events);
        Assert.Equal(("payment_method_changed", "card mastercard •••• 4444", "new card"),
            (change.GetProperty("type").GetString(), change.GetProperty("detail").GetString(), change.GetProperty("note").GetString()));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", 402, "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclined", 402, "card_declined", "generic_decline")]
    [InlineData("pm_card_authenticationRequired", 402, "authentication_required", null)]
    [InlineData("pm_unknown", 422, "parameter_invalid", null)]
    public async Task A_card_the_processor_refuses_is_a_problem_and_changes_nothing(string method, int status, string code, string? declineCode)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);

        using var response = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/payment_method", $$"""{"payment_method":"{{method}}"}""");

        var problem = await response.ProblemAsync((HttpStatusCode)status, code, "payment_method");
        Assert.Equal(declineCode, problem.TryGetProperty("decline_code", out var decline) ? decline.GetString() : null);
        var (card, events) = await ReadAsync(api, id);
        Assert.Equal("pm_card_visa", card);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData("{}", 400, "parameter_missing", "payment_method")]
    [InlineData("""{"payment_method":"  "}""", 400, "parameter_missing", "payment_method")]
    [InlineData("""{"payment_method":7}""", 400, "parameter_invalid", "payment_method")]
    [InlineData("""{"card":"4242424242424242"}""", 400, "parameter_unknown", "card")]
    public async Task A_body_without_a_payment_method_names_the_field(string body, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);

        using var response = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/payment_method", body);

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        Assert.Equal("pm_card_visa", (await ReadAsync(api, id)).Card);
    }

    [Fact]
    public async Task A_canceled_subscription_keeps_its_card_and_another_organization_gets_a_404()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(owner);

        using var stranger = await other.PostJsonAsync($"/api/v1/subscriptions/{id}/payment_method", """{"payment_method":"pm_card_mastercard"}""");
        await owner.PostOkAsync($"/api/v1/subscriptions/{id}/cancel", "{}");
        using var canceled = await owner.PostJsonAsync($"/api/v1/subscriptions/{id}/payment_method", """{"payment_method":"pm_card_mastercard"}""");

        await stranger.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await canceled.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal("pm_card_visa", (await ReadAsync(owner, id)).Card);
    }
}
