using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.ApiKeys;
using Numi.Core.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/checkout/sessions through HTTP: opening a session of a published offer with a selection,
/// reading it back, and paying it in test mode with the simulated processor's test payment methods.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutSessionsApiTests(NumiFactory factory)
{
    private const string Sessions = "/api/v1/checkout/sessions";

    /// <summary>A fresh organization with a published offer: coffee (required; $15.00 a bag, or $40.00 for 3 bags;
    /// at most 5) and a grinder order bump at $49.00 (at most 1).</summary>
    private sealed record Shop(Guid OrganizationId, HttpClient Client, string Offer, string Bag, string ThreeBags, string Grinder) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private async Task<Shop> ShopAsync()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        var coffee = await client.CreateProductAsync("House blend");
        var bag = await client.CreatePerUnitPriceAsync(coffee, 1_500);
        var threeBags = await client.CreatePerUnitPriceAsync(coffee, 4_000);
        var grinder = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Burr grinder"), 4_900);
        var offer = await client.PostOkAsync("/api/v1/offers",
            $$"""
            {"name":"Coffee club","slug":"{{NewSlug()}}","currency":"usd","status":"published","slots":[
              {"key":"coffee","name":"Coffee","price":"{{bag}}","required":true,"max_quantity":5,"options":[{"price":"{{bag}}"},{"price":"{{threeBags}}","label":"3 bags"}]},
              {"key":"grinder","name":"Grinder","price":"{{grinder}}","required":false,"max_quantity":1}]}
            """);
        return new Shop(organizationId, client, offer.GetProperty("id").GetString()!, bag, threeBags, grinder);
    }

    private static Task<JsonElement> OpenAsync(Shop shop, string email = "shopper@example.com") =>
        shop.Client.PostOkAsync(Sessions, $$"""{"offer":"{{shop.Offer}}","customer_email":"{{email}}"}""");

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string session, string paymentMethod) =>
        client.PostJsonAsync($"{Sessions}/{session}/confirm", $$"""{"payment_method":"{{paymentMethod}}"}""");

    private static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    private Task<int> SessionCountAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == organizationId));

    private Task<int> OrderCountAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == organizationId));

    // ---------------------------------------------------------------- create and read

    [Fact]
    public async Task Create_with_a_published_offer_opens_a_session_at_the_default_selection()
    {
        using var shop = await ShopAsync();

        var session = await OpenAsync(shop);

        var id = Id(session);
        Assert.StartsWith("cs_", id);
        Assert.Equal("checkout.session", session.GetProperty("object").GetString());
        var url = session.GetProperty("url").GetString()!;
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out _), $"url {url} is not absolute");
        Assert.EndsWith($"/checkout/{id}", url);
        Assert.Equal("open", session.GetProperty("status").GetString());
        Assert.Equal(shop.Offer, session.GetProperty("offer").GetString());
        Assert.Equal("usd", session.GetProperty("currency").GetString());
        Assert.Equal(1_500, session.GetProperty("amount_subtotal").GetInt64());
        Assert.Equal(0, session.GetProperty("amount_discount").GetInt64());
        Assert.Equal(0, session.GetProperty("amount_tax").GetInt64());
        Assert.Equal(1_500, session.GetProperty("amount_total").GetInt64());
        Assert.Equal("shopper@example.com", session.GetProperty("customer_email").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("order").ValueKind);
        var selection = session.GetProperty("selection");
        Assert.Equal(["coffee"], selection.EnumerateObject().Select(p => p.Name));
        Assert.Equal(shop.Bag, selection.GetProperty("coffee").GetProperty("price").GetString());
        Assert.Equal(1, selection.GetProperty("coffee").GetProperty("quantity").GetInt32());
        Assert.Equal(24 * 60 * 60, session.GetProperty("expires_at").GetInt64() - session.GetProperty("created").GetInt64());
    }

    [Fact]
    public async Task Create_with_a_selection_prices_the_chosen_option_and_the_order_bump()
    {
        using var shop = await ShopAsync();

        var chosen = await shop.Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"price":"{{shop.ThreeBags}}","quantity":2},"grinder":{"price":"{{shop.Grinder}}","quantity":1} } }""");
        var bumpOnly = await shop.Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"grinder":{"price":"{{shop.Grinder}}"} } }""");
        var bumpDeclined = await shop.Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"grinder":{"price":"{{shop.Grinder}}","quantity":0} } }""");

        Assert.Equal(2 * 4_000 + 4_900, chosen.GetProperty("amount_subtotal").GetInt64());
        Assert.Equal(2 * 4_000 + 4_900, chosen.GetProperty("amount_total").GetInt64());
        Assert.Equal(shop.ThreeBags, chosen.GetProperty("selection").GetProperty("coffee").GetProperty("price").GetString());
        Assert.Equal(2, chosen.GetProperty("selection").GetProperty("coffee").GetProperty("quantity").GetInt32());
        Assert.Equal(1, chosen.GetProperty("selection").GetProperty("grinder").GetProperty("quantity").GetInt32());
        // The required slot falls back to its default; the bump's quantity defaults to 1.
        Assert.Equal(1_500 + 4_900, bumpOnly.GetProperty("amount_total").GetInt64());
        Assert.Equal(1_500, bumpDeclined.GetProperty("amount_total").GetInt64());
    }

    [Fact]
    public async Task Get_answers_what_create_answered()
    {
        using var shop = await ShopAsync();
        var created = await shop.Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","customer_email":"shopper@example.com","selection":{"grinder":{"price":"{{shop.Grinder}}","quantity":1} } }""");

        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{Id(created)}");
        using var unknown = await shop.Client.GetAsync($"{Sessions}/cs_{Guid.NewGuid():N}");
        using var malformed = await shop.Client.GetAsync($"{Sessions}/offer_{Guid.NewGuid():N}");

        Assert.True(JsonElement.DeepEquals(created, read), $"POST answered {created} but GET answered {read}");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await malformed.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
    }

    [Fact]
    public async Task A_draft_offer_cannot_be_checked_out()
    {
        using var shop = await ShopAsync();
        var draft = Id(await shop.Client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Draft","slug":"{{NewSlug()}}","currency":"usd","slots":[{"key":"coffee","name":"Coffee","price":"{{shop.Bag}}"}]}"""));

        using var response = await shop.Client.PostJsonAsync(Sessions, $$"""{"offer":"{{draft}}"}""");

        await response.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "offer");
        Assert.Equal(0, await SessionCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task An_unknown_or_foreign_or_malformed_or_missing_offer_is_refused_on_offer()
    {
        using var shop = await ShopAsync();
        using var other = await ShopAsync();

        using var unknown = await shop.Client.PostJsonAsync(Sessions, $$"""{"offer":"offer_{{Guid.NewGuid():N}}"}""");
        using var foreign = await shop.Client.PostJsonAsync(Sessions, $$"""{"offer":"{{other.Offer}}"}""");
        using var malformed = await shop.Client.PostJsonAsync(Sessions, """{"offer":"prod_123"}""");
        using var missing = await shop.Client.PostJsonAsync(Sessions, """{"customer_email":"shopper@example.com"}""");

        Assert.Contains(unknown.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity });
        await unknown.ProblemAsync(unknown.StatusCode, unknown.StatusCode == HttpStatusCode.NotFound ? "resource_missing" : "parameter_invalid", "offer");
        Assert.Equal(unknown.StatusCode, foreign.StatusCode);
        await foreign.ProblemAsync(foreign.StatusCode, foreign.StatusCode == HttpStatusCode.NotFound ? "resource_missing" : "parameter_invalid", "offer");
        await malformed.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "offer");
        await missing.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "offer");
        Assert.Equal(0, await SessionCountAsync(shop.OrganizationId));
        Assert.Equal(0, await SessionCountAsync(other.OrganizationId));
    }

    [Fact]
    public async Task A_bad_selection_is_refused_on_its_parameter_and_leaves_no_session_behind()
    {
        using var shop = await ShopAsync();

        using var notOffered = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"price":"{{shop.Grinder}}","quantity":1} } }""");
        using var unknownPrice = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"price":"price_{{Guid.NewGuid():N}}","quantity":1} } }""");
        using var tooMany = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"price":"{{shop.Bag}}","quantity":6} } }""");
        using var none = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"price":"{{shop.Bag}}","quantity":0} } }""");
        using var unknownSlot = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"milk":{"price":"{{shop.Bag}}","quantity":1} } }""");
        using var noPrice = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"quantity":1} } }""");
        using var badEmail = await shop.Client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","customer_email":"not-an-email"}""");

        await notOffered.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "selection.coffee.price");
        await unknownPrice.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "selection.coffee.price");
        await tooMany.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "selection.coffee.quantity");
        await none.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "selection.coffee.quantity");
        await unknownSlot.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "selection.milk");
        await noPrice.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "selection.coffee.price");
        await badEmail.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "customer_email");
        Assert.Equal(0, await SessionCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task A_selection_too_large_for_the_ledger_is_422_amount_too_large_not_a_500()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var price = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Gold bar"), 99_999_999_999);
        var offer = Id(await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Gold","slug":"{{NewSlug()}}","currency":"usd","status":"published","slots":[{"key":"gold","name":"Gold","price":"{{price}}"}]}"""));

        using var response = await client.PostJsonAsync(Sessions,
            $$"""{"offer":"{{offer}}","selection":{"gold":{"price":"{{price}}","quantity":2000000000} } }""");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "amount_too_large", "selection.gold.quantity");
        Assert.Equal(0, await SessionCountAsync(organizationId));
    }

    // ---------------------------------------------------------------- confirm

    [Fact]
    public async Task Confirm_with_pm_card_visa_answers_the_order_and_completes_the_session()
    {
        using var shop = await ShopAsync();
        var session = await shop.Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","customer_email":"shopper@example.com","selection":{"coffee":{"price":"{{shop.ThreeBags}}","quantity":2},"grinder":{"price":"{{shop.Grinder}}","quantity":1} } }""");
        var id = Id(session);

        using var response = await ConfirmAsync(shop.Client, id, "pm_card_visa");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var order = await response.JsonAsync();
        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{id}");

        Assert.Equal("order", order.GetProperty("object").GetString());
        Assert.StartsWith("ord_", Id(order));
        Assert.Equal(1001, order.GetProperty("number").GetInt32());
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Equal("usd", order.GetProperty("currency").GetString());
        Assert.Equal(12_900, order.GetProperty("amount_subtotal").GetInt64());
        Assert.Equal(12_900, order.GetProperty("amount_total").GetInt64());
        Assert.StartsWith("cus_", order.GetProperty("customer").GetString());
        Assert.Equal(id, order.GetProperty("checkout_session").GetString());
        Assert.StartsWith("pi_", order.GetProperty("payment_intent").GetString());
        Assert.Equal("visa", order.GetProperty("card_brand").GetString());
        Assert.Equal("4242", order.GetProperty("card_last4").GetString());
        var lines = order.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("House blend", lines[0].GetProperty("description").GetString());
        Assert.Equal(shop.ThreeBags, lines[0].GetProperty("price").GetString());
        Assert.Equal(2, lines[0].GetProperty("quantity").GetInt32());
        Assert.Equal(8_000, lines[0].GetProperty("amount").GetInt64());
        Assert.Equal("Burr grinder", lines[1].GetProperty("description").GetString());
        Assert.Equal(shop.Grinder, lines[1].GetProperty("price").GetString());
        Assert.Equal(1, lines[1].GetProperty("quantity").GetInt32());
        Assert.Equal(4_900, lines[1].GetProperty("amount").GetInt64());

        Assert.Equal("complete", read.GetProperty("status").GetString());
        Assert.Equal(Id(order), read.GetProperty("order").GetString());
        Assert.Equal(1, await OrderCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task A_decline_is_402_with_its_decline_code_and_the_session_stays_open_for_another_card()
    {
        using var shop = await ShopAsync();
        var id = Id(await OpenAsync(shop));

        using var declined = await ConfirmAsync(shop.Client, id, "pm_card_chargeDeclined");
        var problem = await declined.ProblemAsync(HttpStatusCode.PaymentRequired, "card_declined", "payment_method");
        var afterDecline = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{id}");
        using var insufficient = await ConfirmAsync(shop.Client, id, "pm_card_chargeDeclinedInsufficientFunds");
        var insufficientProblem = await insufficient.ProblemAsync(HttpStatusCode.PaymentRequired, "card_declined", "payment_method");

        Assert.Equal("generic_decline", problem.GetProperty("decline_code").GetString());
        Assert.Equal("insufficient_funds", insufficientProblem.GetProperty("decline_code").GetString());
        Assert.Equal("open", afterDecline.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, afterDecline.GetProperty("order").ValueKind);
        Assert.Equal(0, await OrderCountAsync(shop.OrganizationId));

        using var paid = await ConfirmAsync(shop.Client, id, "pm_card_visa");
        Assert.True(paid.StatusCode == HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        var order = await paid.JsonAsync();
        var afterPayment = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{id}");
        using var again = await ConfirmAsync(shop.Client, id, "pm_card_visa");

        Assert.Equal(1001, order.GetProperty("number").GetInt32());
        Assert.Equal(1_500, order.GetProperty("amount_total").GetInt64());
        Assert.Equal("complete", afterPayment.GetProperty("status").GetString());
        await again.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal(1, await OrderCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task A_second_session_of_the_same_organization_gets_the_next_order_number_and_the_same_customer()
    {
        using var shop = await ShopAsync();
        var first = Id(await OpenAsync(shop, "Repeat.Buyer@Example.com"));
        var second = Id(await OpenAsync(shop, "repeat.buyer@example.com"));

        using var firstPaid = await ConfirmAsync(shop.Client, first, "pm_card_visa");
        using var secondPaid = await ConfirmAsync(shop.Client, second, "pm_card_mastercard");
        var firstOrder = await firstPaid.JsonAsync();
        var secondOrder = await secondPaid.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, firstPaid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondPaid.StatusCode);
        Assert.Equal(1001, firstOrder.GetProperty("number").GetInt32());
        Assert.Equal(1002, secondOrder.GetProperty("number").GetInt32());
        Assert.Equal(firstOrder.GetProperty("customer").GetString(), secondOrder.GetProperty("customer").GetString());
        Assert.Equal("mastercard", secondOrder.GetProperty("card_brand").GetString());
    }

    [Fact]
    public async Task An_unknown_or_missing_payment_method_is_refused_on_payment_method_and_the_session_stays_open()
    {
        using var shop = await ShopAsync();
        var id = Id(await OpenAsync(shop));

        using var unknown = await ConfirmAsync(shop.Client, id, "pm_card_nonexistent");
        using var missing = await shop.Client.PostJsonAsync($"{Sessions}/{id}/confirm", "{}");
        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{id}");

        Assert.True((int)unknown.StatusCode is >= 400 and < 500 and not 402, $"Expected a 4xx for bad input, got {(int)unknown.StatusCode}");
        var problem = await unknown.ProblemAsync(unknown.StatusCode, "parameter_invalid", "payment_method");
        Assert.Contains("pm_card_nonexistent", problem.GetProperty("detail").GetString());
        await missing.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "payment_method");
        Assert.Equal("open", read.GetProperty("status").GetString());
        Assert.Equal(0, await OrderCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task A_session_without_an_email_takes_it_at_confirm()
    {
        using var shop = await ShopAsync();
        var id = Id(await shop.Client.PostOkAsync(Sessions, $$"""{"offer":"{{shop.Offer}}"}"""));

        using var noEmail = await ConfirmAsync(shop.Client, id, "pm_card_visa");
        using var withEmail = await shop.Client.PostJsonAsync($"{Sessions}/{id}/confirm",
            """{"payment_method":"pm_card_visa","customer_email":"late@example.com","customer_name":"Late Buyer"}""");
        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{id}");

        await noEmail.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "customer_email");
        Assert.Equal(HttpStatusCode.OK, withEmail.StatusCode);
        Assert.Equal("complete", read.GetProperty("status").GetString());
        Assert.Equal("late@example.com", read.GetProperty("customer_email").GetString());
    }

    [Fact]
    public async Task Two_simultaneous_confirms_make_one_order()
    {
        using var shop = await ShopAsync();
        var id = Id(await OpenAsync(shop));

        var responses = await Task.WhenAll(ConfirmAsync(shop.Client, id, "pm_card_visa"), ConfirmAsync(shop.Client, id, "pm_card_visa"));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            await Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK).ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
            Assert.Equal(1, await OrderCountAsync(shop.OrganizationId));
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    [Fact]
    public async Task A_replayed_confirm_with_the_same_idempotency_key_answers_the_first_response_and_pays_nothing_more()
    {
        using var shop = await ShopAsync();
        var id = Id(await OpenAsync(shop));
        var declineKey = Guid.NewGuid().ToString("N");
        var payKey = Guid.NewGuid().ToString("N");

        async Task<(HttpStatusCode Status, string Body, bool Replayed)> SendAsync(string key, string paymentMethod)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Sessions}/{id}/confirm")
            {
                Content = ApiCalls.Json($$"""{"payment_method":"{{paymentMethod}}"}"""),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await shop.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
        }

        var declined = await SendAsync(declineKey, "pm_card_chargeDeclined");
        var declinedReplay = await SendAsync(declineKey, "pm_card_chargeDeclined");
        var paid = await SendAsync(payKey, "pm_card_visa");
        var paidReplay = await SendAsync(payKey, "pm_card_visa");
        var stored = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == shop.OrganizationId));

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.Status);
        Assert.Equal(HttpStatusCode.PaymentRequired, declinedReplay.Status);
        Assert.Equal(declined.Body, declinedReplay.Body);
        Assert.True(declinedReplay.Replayed);
        Assert.Equal(HttpStatusCode.OK, paid.Status);
        Assert.Equal(HttpStatusCode.OK, paidReplay.Status);
        Assert.Equal(paid.Body, paidReplay.Body);
        Assert.True(paidReplay.Replayed);
        // One declined attempt and one paid one: the replays did not reach the processor.
        Assert.Equal(2, stored.PaymentAttempt);
        Assert.Equal(CheckoutSessionStatus.Complete, stored.Status);
        Assert.Equal(1, await OrderCountAsync(shop.OrganizationId));
    }

    // ---------------------------------------------------------------- access

    [Fact]
    public async Task Another_organizations_session_is_404_to_read_and_to_confirm()
    {
        using var owner = await ShopAsync();
        var (_, stranger) = await factory.NewOrganizationClientAsync();
        using var _stranger = stranger;
        var id = Id(await OpenAsync(owner));

        using var read = await stranger.GetAsync($"{Sessions}/{id}");
        using var confirm = await ConfirmAsync(stranger, id, "pm_card_visa");
        var ownersView = await owner.Client.GetFromJsonElementAsync($"{Sessions}/{id}");

        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await confirm.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        Assert.Equal("open", ownersView.GetProperty("status").GetString());
        Assert.Equal(0, await OrderCountAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_session_whose_price_was_replaced_is_paid_at_the_replacement()
    {
        using var shop = await ShopAsync();
        var session = await OpenAsync(shop);
        var replaced = await shop.Client.PostOkAsync($"/api/v1/prices/{shop.Bag}/replace", """{"billing_scheme":"per_unit","unit_amount":1700}""");

        using var response = await ConfirmAsync(shop.Client, Id(session), "pm_card_visa");

        var order = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1_700, order.GetProperty("amount_total").GetInt64());
        Assert.Equal(Id(replaced), order.GetProperty("lines")[0].GetProperty("price").GetString());
    }

    [Fact]
    public async Task A_selection_naming_only_the_bump_keeps_the_required_slot_at_its_default()
    {
        using var shop = await ShopAsync();

        var session = await shop.Client.PostOkAsync(Sessions,
            JsonSerializer.Serialize(new { offer = shop.Offer, selection = new { grinder = new { price = shop.Grinder, quantity = 1 } } }));

        var selection = session.GetProperty("selection");
        Assert.Equal(shop.Bag, selection.GetProperty("coffee").GetProperty("price").GetString());
        Assert.Equal(shop.Grinder, selection.GetProperty("grinder").GetProperty("price").GetString());
        Assert.Equal(1_500 + 4_900, session.GetProperty("amount_total").GetInt64());
    }

    [Fact]
    public async Task A_session_past_its_time_reads_as_expired_before_the_job_runs()
    {
        using var shop = await ShopAsync();
        var session = await OpenAsync(shop);
        var key = Guid.ParseExact(Id(session)[3..], "N");
        await factory.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE checkout_sessions SET \"ExpiresAt\" = {DateTime.UtcNow.AddMinutes(-1)} WHERE \"Id\" = {key}"));

        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{Id(session)}");
        using var confirm = await ConfirmAsync(shop.Client, Id(session), "pm_card_visa");

        Assert.Equal("expired", read.GetProperty("status").GetString());
        await confirm.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "id");
    }

    [Fact]
    public async Task A_session_of_an_offer_taken_off_sale_cannot_be_paid()
    {
        using var shop = await ShopAsync();
        var session = await OpenAsync(shop);
        await shop.Client.PostOkAsync($"/api/v1/offers/{shop.Offer}", """{"status":"archived"}""");

        using var confirm = await ConfirmAsync(shop.Client, Id(session), "pm_card_visa");

        await confirm.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "id");
        Assert.Equal(0, await OrderCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task A_live_key_cannot_confirm_a_session()
    {
        using var shop = await ShopAsync();
        var id = Id(await OpenAsync(shop));
        var liveSecret = await factory.WithDbAsync(async db =>
        {
            var (key, secret) = ApiKey.Create(shop.OrganizationId, "live", ApiKeyMode.Live, null, DateTime.UtcNow);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return secret;
        });
        using var live = factory.CreateApiClient(liveSecret);
        Assert.StartsWith("sk_live_", liveSecret);

        using var response = await ConfirmAsync(live, id, "pm_card_visa");
        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{id}");
        var stored = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == shop.OrganizationId));

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("open", read.GetProperty("status").GetString());
        Assert.Equal(CheckoutSessionStatus.Open, stored.Status);
        Assert.Equal(1, stored.PaymentAttempt);
        Assert.Equal(0, await OrderCountAsync(shop.OrganizationId));
    }

    private static string NewSlug() => "offer-" + Guid.NewGuid().ToString("N")[..10];
}
