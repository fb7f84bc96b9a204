using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>Plan changes through the API: the preview and the confirmation of a subscription bought seconds ago (so its
/// whole period remains: the old amount credited, the new one charged), bad bodies (400) and refusals (422, 409) as
/// problems naming their field, a decline as a 402 that changes nothing, and another organization's subscription and plans out of reach.</summary>
[Collection(AppCollection.Name)]
public sealed class PlanChangeApiTests(NumiFactory factory)
{
    /// <summary>A monthly plan of a new product at <paramref name="unitAmount"/>.</summary>
    internal static async Task<string> PlanAsync(HttpClient api, long unitAmount, string name = "Pro") =>
        (await api.PostOkAsync("/api/v1/plans", $$"""{"price":"{{await PlansApiTests.RecurringPriceAsync(api, unitAmount)}}","name":"{{name}}"}"""))
            .GetProperty("id").GetString()!;

    /// <summary>A yearly plan, "Yearly", at $200.00: another interval than the monthly subscriptions of these tests.</summary>
    internal static async Task<string> YearlyPlanAsync(HttpClient api)
    {
        var product = await api.CreateProductAsync("Yearly club");
        var price = (await api.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"recurring","recurring":{"interval":"year"},"billing_scheme":"per_unit","unit_amount":20000}""")).GetProperty("id").GetString();
        return (await api.PostOkAsync("/api/v1/plans", $$"""{"price":"{{price}}","name":"Yearly"}""")).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_preview_shows_the_proration_and_the_confirmation_charges_it_once_on_a_proration_invoice()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api, quantity: 1);
        var pro = await PlanAsync(api, 4_400);
        var periodEnd = (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("current_period_end").GetInt64();

        var preview = await api.PostOkAsync($"/api/v1/subscriptions/{id}/preview_change", $$"""{"plan":"{{pro}}"}""");

        Assert.Equal(("plan_change_preview", id, pro), (preview.GetProperty("object").GetString(), preview.GetProperty("subscription").GetString(), preview.GetProperty("plan").GetString()));
        Assert.Equal([-2_200L, 4_400L], preview.GetProperty("lines").GetProperty("data").EnumerateArray().Select(l => l.GetProperty("amount").GetInt64()));
        Assert.Equal((2_200L, 2_200L, periodEnd, 4_400L), (preview.GetProperty("subtotal").GetInt64(), preview.GetProperty("total").GetInt64(),
            preview.GetProperty("next_renewal_at").GetInt64(), preview.GetProperty("amount").GetInt64()));
        Assert.Empty((await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={id}")).Ids());

        var body = $$"""{"plan":"{{pro}}","proration_date":{{preview.GetProperty("proration_date").GetInt64()}},"note":"upgrade"}""";
        var changed = await api.PostOkAsync($"/api/v1/subscriptions/{id}/change_plan", body);
        var again = await api.PostOkAsync($"/api/v1/subscriptions/{id}/change_plan", body);

        var invoiceId = changed.GetProperty("invoice").GetString()!;
        Assert.Equal(invoiceId, again.GetProperty("invoice").GetString());
        Assert.Equal(4_400, changed.GetProperty("subscription").GetProperty("items").GetProperty("data")[0].GetProperty("amount").GetInt64());
        var invoice = await api.GetFromJsonElementAsync($"/api/v1/invoices/{invoiceId}");
        Assert.Equal(("subscription_update", "paid", 2_200L, 2_200L), (invoice.GetProperty("billing_reason").GetString(), invoice.GetProperty("status").GetString(),
            invoice.GetProperty("total").GetInt64(), invoice.GetProperty("amount_paid").GetInt64()));
        Assert.Equal([invoiceId], (await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={id}")).Ids());
        var change = (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}/timeline")).GetProperty("data")[0];
        Assert.Equal(("plan_changed", "upgrade"), (change.GetProperty("type").GetString(), change.GetProperty("note").GetString()));
        Assert.Equal($"Coffee Club → Pro: $22.00 charged on {invoice.GetProperty("number").GetString()}", change.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_bodies_and_refused_changes_are_problems_naming_their_field()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api, quantity: 1);
        var pro = await PlanAsync(api, 4_400);
        var yearly = await YearlyPlanAsync(api);
        var future = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();

        foreach (var (body, status, code, param) in new[]
        {
            ("{}", HttpStatusCode.BadRequest, "parameter_missing", "plan"),
            ("""{"plan":"price_123"}""", HttpStatusCode.BadRequest, "parameter_invalid", "plan"),
            ($$"""{"plan":"plan_{{Guid.NewGuid():N}}"}""", HttpStatusCode.NotFound, "resource_missing", "plan"),
            ($$"""{"plan":"{{yearly}}"}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "plan"),
            ($$"""{"plan":"{{pro}}","quantity":0}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "quantity"),
            ($$"""{"plan":"{{pro}}","proration_date":{{future}}}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "proration_date"),
            ($$"""{"plan":"{{pro}}","note":"a\u0000b"}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "note"),
        })
        {
            using var response = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/change_plan", body);
            await response.ProblemAsync(status, code, param);
        }
        using (var unknown = await api.PostJsonAsync("/api/v1/subscriptions/sub_nope/preview_change", $$"""{"plan":"{{pro}}"}"""))
            await unknown.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");

        await api.PostOkAsync($"/api/v1/subscriptions/{id}/cancel", "{}");
        using var canceled = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/preview_change", $$"""{"plan":"{{pro}}"}""");
        var problem = await canceled.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Contains("canceled subscription cannot change plan", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_declined_change_is_a_402_and_the_subscription_keeps_its_plan()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(api, quantity: 1);
        var pro = await PlanAsync(api, 4_400);
        await api.PostOkAsync($"/api/v1/subscriptions/{id}/payment_method", """{"payment_method":"pm_card_chargeCustomerFail"}""");
        var before = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");

        using var declined = await api.PostJsonAsync($"/api/v1/subscriptions/{id}/change_plan", $$"""{"plan":"{{pro}}"}""");

        var problem = await declined.ProblemAsync(HttpStatusCode.PaymentRequired, "card_declined", "payment_method");
        Assert.Equal("generic_decline", problem.GetProperty("decline_code").GetString());
        var after = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(before.GetProperty("items").GetRawText(), after.GetProperty("items").GetRawText());
        var invoice = Assert.Single((await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={id}")).GetProperty("data").EnumerateArray());
        Assert.Equal(("void", "generic_decline"), (invoice.GetProperty("status").GetString(), invoice.GetProperty("last_decline_code").GetString()));
    }

    [Fact]
    public async Task Another_organizations_subscription_and_plan_are_not_found()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var id = await SubscriptionActionsApiTests.SubscriptionIdAsync(owner, quantity: 1);
        var ownersPlan = await PlanAsync(owner, 4_400);
        var othersPlan = await PlanAsync(other, 4_400);

        foreach (var action in new[] { "preview_change", "change_plan" })
        {
            using var foreignSubscription = await other.PostJsonAsync($"/api/v1/subscriptions/{id}/{action}", $$"""{"plan":"{{othersPlan}}"}""");
            await foreignSubscription.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
            using var foreignPlan = await owner.PostJsonAsync($"/api/v1/subscriptions/{id}/{action}", $$"""{"plan":"{{othersPlan}}"}""");
            await foreignPlan.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "plan");
        }
        Assert.Equal(2_200, (await owner.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}")).GetProperty("items").GetProperty("data")[0].GetProperty("amount").GetInt64());
        Assert.NotNull(ownersPlan);
    }
}
