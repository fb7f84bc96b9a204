using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Dunning;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>The review flag manual_review sets after the last retry, through the API: needs_review and
/// review_requested_at on the subscription, the ?needs_review= filter, and mark_reviewed (409 when not flagged, problem
/// details on a bad body or query, another organization's id a 404).</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionReviewApiTests(NumiFactory factory)
{
    /// <summary>Runs the entity's own transition for the last retry, as the retry job would with a manual_review plan.</summary>
    internal static Task FlagAsync(NumiFactory factory, string publicId) => factory.WithDbAsync(async db =>
    {
        Assert.True(Core.Common.PublicId.TryParse(Core.Common.IdPrefixes.Subscription, publicId, out var key));
        var subscription = await db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.Id == key);
        subscription.RetriesExhausted(AfterLastRetry.ManualReview, "INV-000002", DateTime.UtcNow);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_flagged_subscription_shows_needs_review_filters_and_is_marked_reviewed_with_its_note()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var calm = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);
        var flagged = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);
        Assert.False((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{flagged}")).GetProperty("needs_review").GetBoolean());

        await FlagAsync(factory, flagged);

        var read = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{flagged}");
        Assert.Equal(("unpaid", true, "INV-000002: no retry left"),
            (read.GetProperty("status").GetString(), read.GetProperty("needs_review").GetBoolean(), read.GetProperty("review_reason").GetString()));
        Assert.Equal(JsonValueKind.Number, read.GetProperty("review_requested_at").ValueKind);
        Assert.Equal([flagged], (await api.GetFromJsonElementAsync("/api/v1/subscriptions?needs_review=true")).Ids());
        Assert.Equal([calm], (await api.GetFromJsonElementAsync("/api/v1/subscriptions?needs_review=false")).Ids());

        var reviewed = await api.PostOkAsync($"/api/v1/subscriptions/{flagged}/mark_reviewed", """{"note":"called the customer"}""");
        Assert.Equal((false, JsonValueKind.Null, "unpaid"),
            (reviewed.GetProperty("needs_review").GetBoolean(), reviewed.GetProperty("review_requested_at").ValueKind, reviewed.GetProperty("status").GetString()));
        Assert.Empty((await api.GetFromJsonElementAsync("/api/v1/subscriptions?needs_review=true")).Ids());
        var timeline = (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{flagged}/timeline")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["reviewed", "review_requested", "retries_exhausted"], timeline.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("called the customer", timeline[0].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Marking_a_subscription_not_flagged_is_a_conflict_and_changes_nothing()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);

        using var refused = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/mark_reviewed", "{}");

        await refused.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Empty((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).Ids());
    }

    [Theory]
    [InlineData("""{"note":"a\u0007b"}""", 422, "parameter_invalid", "note")]
    [InlineData("""{"reviewed":true}""", 400, "parameter_unknown", "reviewed")]
    public async Task A_bad_body_is_a_problem_naming_the_field_and_the_flag_stays(string body, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api);
        await FlagAsync(factory, id);

        using var response = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/mark_reviewed", body);

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        Assert.True((await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("needs_review").GetBoolean());
    }

    [Fact]
    public async Task A_needs_review_filter_that_is_not_true_or_false_is_a_problem()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;

        using var response = await api.GetAsync("/api/v1/subscriptions?needs_review=yes");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "needs_review");
    }

    [Fact]
    public async Task Another_organization_neither_sees_nor_clears_the_flag()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(owner);
        await FlagAsync(factory, id);

        using var response = await other.PostJsonAsync($"/api/v1/subscriptions/{id}/mark_reviewed", "{}");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/subscriptions?needs_review=true")).Ids());
        Assert.True((await owner.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("needs_review").GetBoolean());
    }
}
