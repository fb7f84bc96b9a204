using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>Discount codes on the hosted checkout (plain form posts, as without JavaScript) and through the API.</summary>
[Collection(AppCollection.Name)]
public sealed class DiscountCheckoutTests(NumiFactory factory)
{
    private static long Unix(TimeSpan fromNow) => DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds();

    private static Task<JsonElement> CreateCodeAsync(CheckoutShop shop, object body) =>
        shop.Api.PostOkAsync("/api/v1/discount_codes", JsonSerializer.Serialize(body));

    private static Task<HttpResponseMessage> ApplyAsync(Browser shopper, string path, string code, string? email = null) =>
        shopper.PostCheckoutAsync(path, new Dictionary<string, string?> { ["Input.DiscountCode"] = code, ["Input.Email"] = email, ["Input.Action"] = "apply-discount" });

    /// <summary>Pays a fresh checkout of the shop through the API with <paramref name="code"/> (10% off) for <paramref name="email"/>.</summary>
    private static async Task PayThroughApiAsync(CheckoutShop shop, string code, string email)
    {
        var session = await shop.Api.PostOkAsync("/api/v1/checkout/sessions",
            JsonSerializer.Serialize(new { offer = shop.OfferId, customer_email = email, discount_code = code }));
        Assert.Equal(240, session.GetProperty("amount_discount").GetInt64());
        var order = await shop.Api.PostOkAsync($"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm", """{"payment_method":"pm_card_visa"}""");
        Assert.Equal((code, 2_160L), (order.GetProperty("discount_code").GetString(), order.GetProperty("amount_total").GetInt64()));
    }

    [Fact]
    public async Task Applying_a_code_lowers_the_total_and_the_paid_order_keeps_the_discount()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CreateCodeAsync(shop, new { code = "WELCOME10", percent_off = 10 });
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        var (applied, _) = await PageAsync(await ApplyAsync(shopper, path, "welcome10"));
        Assert.Equal("$21.60", applied.TestId("total"));
        Assert.Equal("−$2.40", applied.TestId("discount"));
        Assert.Contains("WELCOME10 (10% off)", applied.TestId("summary"));
        Assert.Equal("Code WELCOME10 (10% off) applied. Remove code", string.Join(" ", applied.TestId("discount-applied")!.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));

        using var paid = await shopper.PostCheckoutAsync(path, Payment());
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var thanks = await shopper.FollowAsync(paid);
        Assert.Equal("$21.60", thanks.TestId("total"));
        Assert.Contains("Discount (WELCOME10)", thanks.TestId("summary"));
        var key = SessionKey(path);
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.CheckoutSessionId == key));
        Assert.Equal((2_400, 240, 2_160, "WELCOME10"), (order.AmountSubtotal, order.AmountDiscount, order.AmountTotal, order.DiscountCode));
        var code = await shop.Api.GetFromJsonElementAsync("/api/v1/discount_codes?limit=1");
        Assert.Equal(1, code.GetProperty("data")[0].GetProperty("times_redeemed").GetInt32());
    }

    [Fact]
    public async Task A_code_typed_but_not_applied_is_applied_when_paying_and_a_refused_one_stops_the_payment()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CreateCodeAsync(shop, new { code = "TYPED", amount_off = 400, currency = "usd" });
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var key = SessionKey(path);

        var (refused, _) = await PageAsync(await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>(Payment()) { ["Input.DiscountCode"] = "TYPO" }));
        Assert.Equal("“TYPO” is not a valid discount code.", refused.FieldError("discount_code"));
        Assert.Equal("TYPO", refused.QuerySelector("[data-testid=discount-code]")!.GetAttribute("value"));
        Assert.False(await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AnyAsync(o => o.CheckoutSessionId == key)));

        using var paid = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>(Payment()) { ["Input.DiscountCode"] = "typed" });
        Assert.Equal("$20.00", (await shopper.FollowAsync(paid)).TestId("total"));
    }

    [Fact]
    public async Task The_offer_link_applies_a_code_from_its_query_or_types_in_one_it_cannot_apply()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CreateCodeAsync(shop, new { code = "LINK10", percent_off = 10 });
        using var shopper = factory.CreateBrowser();

        // The offer's page shows it applied (priced in memory), and the session its first post opens has it.
        Assert.Equal("$21.60", (await shopper.GetPageAsync(shop.Link + "?discount=link10")).TestId("total"));
        var applied = await shopper.StartCheckoutAsync(shop.Link + "?discount=link10");
        Assert.Equal("$21.60", (await shopper.GetPageAsync(applied)).TestId("total"));
        var page = await shopper.GetPageAsync(shop.Link + "?discount=NOPE");
        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Equal("NOPE", page.QuerySelector("[data-testid=discount-code]")!.GetAttribute("value"));
        var unknown = await shopper.StartCheckoutAsync(shop.Link + "?discount=NOPE");
        Assert.Equal("$24.00", (await shopper.GetPageAsync(unknown)).TestId("total"));
    }

    [Fact]
    public async Task Removing_a_code_restores_the_total()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CreateCodeAsync(shop, new { code = "FIVE", amount_off = 500, currency = "usd" });
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        Assert.Equal("$19.00", (await PageAsync(await ApplyAsync(shopper, path, "FIVE"))).Page.TestId("total"));

        using var removed = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?> { ["Input.Action"] = "remove-discount" });
        var (page, _) = await PageAsync(removed);
        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Null(page.TestId("discount"));
        Assert.NotNull(page.QuerySelector("[data-testid=discount-code]"));
    }

    [Fact]
    public async Task Each_code_that_cannot_be_used_gets_its_own_message_under_the_field_and_the_total_is_unchanged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CreateCodeAsync(shop, new { code = "OLD", percent_off = 10, valid_until = Unix(TimeSpan.FromHours(-1)) });
        await CreateCodeAsync(shop, new { code = "SOON", percent_off = 10, valid_from = Unix(TimeSpan.FromDays(1)) });
        await CreateCodeAsync(shop, new { code = "ONLYONE", percent_off = 10, max_redemptions = 1 });
        await CreateCodeAsync(shop, new { code = "EURO", amount_off = 500, currency = "eur" });
        await CreateCodeAsync(shop, new { code = "FIRSTTIME", percent_off = 10, once_per_customer = true });
        await PayThroughApiAsync(shop, "ONLYONE", "someone@example.test");
        await PayThroughApiAsync(shop, "FIRSTTIME", "sam@example.test");
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        foreach (var (code, email, message) in new[]
                 {
                     ("NOPE", (string?)null, "“NOPE” is not a valid discount code."),
                     ("old", null, "The code OLD has expired."),
                     ("SOON", null, "The code SOON cannot be used yet."),
                     ("ONLYONE", null, "The code ONLYONE has been used up."),
                     ("EURO", null, "The code EURO does not apply to this order: it is for payments in EUR."),
                     ("FIRSTTIME", "Sam@Example.test", "You have already used the code FIRSTTIME; it can be used once per customer."),
                 })
        {
            var (page, _) = await PageAsync(await ApplyAsync(shopper, path, code, email));
            Assert.Equal(message, page.FieldError("discount_code"));
            Assert.Equal("alert", page.GetElementById("discount_code-error")!.GetAttribute("role"));
            Assert.Equal("$24.00", page.TestId("total"));
        }
    }

    [Fact]
    public async Task A_code_that_expired_after_it_was_applied_refuses_the_payment_and_nothing_is_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var created = await CreateCodeAsync(shop, new { code = "BRIEF", percent_off = 50 });
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        Assert.Equal("$12.00", (await PageAsync(await ApplyAsync(shopper, path, "BRIEF"))).Page.TestId("total"));
        await shop.Api.PostOkAsync($"/api/v1/discount_codes/{created.GetProperty("id").GetString()}",
            JsonSerializer.Serialize(new { valid_until = Unix(TimeSpan.FromMinutes(-1)) }));

        var (page, _) = await PageAsync(await shopper.PostCheckoutAsync(path, Payment()));

        Assert.Equal("The code BRIEF has expired.", page.FieldError("discount_code"));
        var key = SessionKey(path);
        Assert.False(await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AnyAsync(o => o.CheckoutSessionId == key)));
    }

    [Fact]
    public async Task The_api_creates_reads_lists_and_updates_codes_and_names_the_field_at_fault()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var beans = await shop.Api.CreateProductAsync("Beans");
        var created = await CreateCodeAsync(shop, new
        {
            code = "Spring-25", percent_off = 25, duration = "repeating", duration_in_cycles = 3, max_redemptions = 100,
            applies_to = new { products = new[] { beans } },
        });
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("disc_", id);
        Assert.Equal("discount_code", created.GetProperty("object").GetString());
        Assert.Equal("repeating", created.GetProperty("duration").GetString());
        Assert.Equal(3, created.GetProperty("duration_in_cycles").GetInt32());
        Assert.Equal(beans, created.GetProperty("applies_to").GetProperty("products")[0].GetString());
        Assert.Equal(0, created.GetProperty("times_redeemed").GetInt32());

        var updated = await shop.Api.PostOkAsync($"/api/v1/discount_codes/{id}", """{"active":false,"max_redemptions":5}""");
        Assert.False(updated.GetProperty("active").GetBoolean());
        Assert.Equal(5, updated.GetProperty("max_redemptions").GetInt32());
        var archived = await shop.Api.GetFromJsonElementAsync("/api/v1/discount_codes?active=false");
        Assert.Equal([id], archived.Ids());

        using var duplicate = await shop.Api.PostJsonAsync("/api/v1/discount_codes", """{"code":"SPRING-25","percent_off":5}""");
        await duplicate.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "code");
        using var both = await shop.Api.PostJsonAsync("/api/v1/discount_codes", """{"code":"BOTH","percent_off":5,"amount_off":100,"currency":"usd"}""");
        await both.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "percent_off");
        using var missing = await shop.Api.GetAsync("/api/v1/discount_codes/disc_00000000000000000000000000000000");
        await missing.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var refused = await shop.Api.PostJsonAsync("/api/v1/checkout/sessions",
            JsonSerializer.Serialize(new { offer = shop.OfferId, discount_code = "spring-25" }));
        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "discount_code_unknown", "discount_code");
    }

    [Fact]
    public async Task Another_organization_cannot_see_a_code()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var other = await CheckoutShop.CreateAsync(factory);
        var id = (await CreateCodeAsync(shop, new { code = "MINE", percent_off = 5 })).GetProperty("id").GetString();
        using var foreign = await other.Api.GetAsync($"/api/v1/discount_codes/{id}");
        await foreign.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(other);
        Assert.Equal("“MINE” is not a valid discount code.", (await PageAsync(await ApplyAsync(shopper, path, "MINE"))).Page.FieldError("discount_code"));
    }
}
