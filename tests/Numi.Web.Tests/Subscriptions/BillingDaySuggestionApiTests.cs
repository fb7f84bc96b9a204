using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>The plan's "suggest a better billing date" setting in the subscription API: with it on and a customer whose
/// renewals on their billing day fail but who pays on another day, <c>suggested_billing_day</c> names that day and why;
/// with it off, or without such a pattern, it is null.</summary>
[Collection(AppCollection.Name)]
public sealed class BillingDaySuggestionApiTests(NumiFactory factory)
{
    /// <summary>Stores, as the nightly analysis would, a pattern in UTC (the plan's zone) of three failed charges on the
    /// subscription's billing day and three paid on <paramref name="payday"/>.</summary>
    internal static async Task StoreFailingPatternAsync(NumiFactory factory, string customerId, int billingDay, int payday)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Customer, customerId, out var customer));
        var utc = TimeZoneInfo.FindSystemTimeZoneById("UTC");
        // July, August and October have 31 days, so any billing day has a date in each.
        PastPayment[] history = [.. new[] { 7, 8, 10 }.SelectMany(month => new PastPayment[]
        {
            new(new DateTime(2026, month, billingDay, 9, 0, 0, DateTimeKind.Utc), false),
            new(new DateTime(2026, month, payday, 9, 0, 0, DateTimeKind.Utc), true),
        }).OrderBy(p => p.AtUtc)];
        var pattern = PaymentPattern.Learn(history, utc);
        await factory.WithDbAsync(async db =>
        {
            var organization = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == customer).Select(c => c.OrganizationId).SingleAsync();
            var row = CustomerPaymentPattern.For(customer!.Value, pattern, DateTime.UtcNow);
            row.OrganizationId = organization;
            db.CustomerPaymentPatterns.Add(row);
            await db.SaveChangesAsync();
        });
    }

    private const string Campaign = "\"campaign\":" + """{"steps":[{"day":1,"email":{"subject":"Card declined","body":"Fix it: {{update_card_url}}"}}]}""";

    private static string Ordinal(int day) => day + (day is 1 or 21 or 31 ? "st" : day is 2 or 22 ? "nd" : day is 3 or 23 ? "rd" : "th");

    [Fact]
    public async Task The_suggestion_shows_when_the_plan_allows_it_and_is_null_when_it_does_not()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var order = await SubscriptionsTests.SubscribeAsync(api, "sam@example.com");
        var id = Assert.Single((await api.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());
        var price = order.GetProperty("lines")[0].GetProperty("price").GetString();
        var plan = (await api.PostOkAsync("/api/v1/plans", """{"price":"PRICE","name":"Club","settings":{"CAMPAIGN","retry":{"time_zone":"UTC","suggest_billing_date":true}}}""".Replace("\"CAMPAIGN\"", Campaign, StringComparison.Ordinal).Replace("PRICE", price, StringComparison.Ordinal)))
            .GetProperty("id").GetString();

        // No history of failures yet: nothing to suggest.
        var before = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("suggested_billing_day").ValueKind);

        var billingDay = DateTimeOffset.FromUnixTimeSeconds(before.GetProperty("current_period_start").GetInt64()).UtcDateTime.Day;
        var payday = billingDay == 15 ? 20 : 15;
        await StoreFailingPatternAsync(factory, order.GetProperty("customer").GetString()!, billingDay, payday);

        var on = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        var suggested = on.GetProperty("suggested_billing_day");
        Assert.Equal(payday, suggested.GetProperty("day").GetInt32());
        Assert.Equal($"3 of the last 6 payments succeeded on the {Ordinal(payday)}; billing on the {Ordinal(payday)} instead of the {Ordinal(billingDay)} should need fewer retries",
            suggested.GetProperty("reason").GetString());
        var listed = Assert.Single((await api.GetFromJsonElementAsync("/api/v1/subscriptions")).GetProperty("data").EnumerateArray());
        Assert.Equal(payday, listed.GetProperty("suggested_billing_day").GetProperty("day").GetInt32());

        await api.PostOkAsync($"/api/v1/plans/{plan}", """{"settings":{"CAMPAIGN","retry":{"time_zone":"UTC","suggest_billing_date":false}}}""".Replace("\"CAMPAIGN\"", Campaign, StringComparison.Ordinal));
        var off = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal(JsonValueKind.Null, off.GetProperty("suggested_billing_day").ValueKind);
        var paused = await api.PostOkAsync($"/api/v1/subscriptions/{id}/pause", "{}");
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("suggested_billing_day").ValueKind);
    }

    [Fact]
    public async Task A_customers_time_zone_is_set_shown_and_cleared_through_the_api_with_a_clear_message_when_wrong()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var customer = (await SubscriptionsTests.SubscribeAsync(api, "kenji@example.com")).GetProperty("customer").GetString();
        Assert.Equal(JsonValueKind.Null, (await api.GetFromJsonElementAsync($"/api/v1/customers/{customer}")).GetProperty("time_zone").ValueKind);

        var set = await api.PostOkAsync($"/api/v1/customers/{customer}", """{"time_zone":"Asia/Tokyo"}""");
        Assert.Equal(("Asia/Tokyo", "none"), (set.GetProperty("time_zone").GetString(), set.GetProperty("tax_exempt").GetString()));
        Assert.Equal("Asia/Tokyo", (await api.GetFromJsonElementAsync($"/api/v1/customers/{customer}")).GetProperty("time_zone").GetString());

        using var bad = await api.PostJsonAsync($"/api/v1/customers/{customer}", """{"time_zone":"Mars/Olympus","tax_exempt":"exempt"}""");
        var problem = await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "time_zone");
        Assert.Contains("'Mars/Olympus' is not an IANA time zone such as Asia/Tokyo or America/Chicago", problem.GetRawText());
        // Nothing was saved: neither the zone nor the exemption sent with it.
        var unchanged = await api.GetFromJsonElementAsync($"/api/v1/customers/{customer}");
        Assert.Equal(("Asia/Tokyo", "none"), (unchanged.GetProperty("time_zone").GetString(), unchanged.GetProperty("tax_exempt").GetString()));

        using var empty = await api.PostJsonAsync($"/api/v1/customers/{customer}", "{}");
        await empty.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "tax_exempt");

        var cleared = await api.PostOkAsync($"/api/v1/customers/{customer}", """{"time_zone":""}""");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("time_zone").ValueKind);

        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _other = other;
        using var foreign = await other.PostJsonAsync($"/api/v1/customers/{customer}", """{"time_zone":"Asia/Tokyo"}""");
        await foreign.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
    }
}
