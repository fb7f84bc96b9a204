using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Checkout;
using Numi.Web.Features.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>The hosted checkout page as a signed-out shopper's browser sees it: the offer's link opens a session, the
/// page shows the choices and a server-computed total, changes re-price it, test cards pay (once) or are declined in
/// plain language, bad input gets a message beside its field, and card numbers are never echoed or stored.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutPageTests(NumiFactory factory)
{
    [Fact]
    public async Task Offer_link_answers_the_offer_page_and_its_first_post_opens_a_session()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        var offerPage = await shopper.GetPageAsync(shop.Link);
        Assert.Equal(CheckoutShop.Headline, offerPage.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("$24.00", offerPage.TestId("total"));
        Assert.Equal(0, await SessionCountAsync(shop));

        var path = await shopper.StartCheckoutAsync(shop);
        var again = await shopper.StartCheckoutAsync(shop);

        Assert.Matches("^/checkout/cs_[0-9a-f]{32}$", path);
        // Each first post is its own session.
        Assert.NotEqual(path, again);
        var key = SessionKey(path);
        var session = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == key));
        Assert.Equal(shop.OrganizationId, session.OrganizationId);
        Assert.Equal(CheckoutSessionStatus.Open, session.Status);
        Assert.Equal(2400, session.AmountTotal);
        Assert.Equal(2, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task Page_shows_the_headline_the_choices_the_bump_and_the_total()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        var page = await shopper.GetPageAsync(path);

        Assert.Equal(CheckoutShop.Headline, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(CheckoutShop.Headline, page.Title);
        var form = page.QuerySelector("form#checkout-form");
        Assert.NotNull(form);
        Assert.Equal("checkout", form.QuerySelector("input[name=_handler]")?.GetAttribute("value"));

        // The coffee slot: two radio choices, the default one ticked; a quantity field limited to 1..5.
        var choices = page.QuerySelectorAll("input[type=radio][name='Input.Slots[0].Price']").ToList();
        Assert.Equal([shop.OneBag, shop.ThreeBags], choices.Select(c => c.GetAttribute("value")));
        Assert.True(choices[0].HasAttribute("checked"));
        Assert.False(choices[1].HasAttribute("checked"));
        var labels = choices.Select(c => page.QuerySelector($"label[for='{c.Id}']")?.TextContent ?? "").ToList();
        Assert.Contains(CheckoutShop.OneBagLabel, labels[0]);
        Assert.Contains("$24.00", labels[0]);
        Assert.Contains(CheckoutShop.ThreeBagsLabel, labels[1]);
        Assert.Contains("$63.00", labels[1]);
        var quantity = page.QuerySelector("input[name='Input.Slots[0].Quantity']");
        Assert.Equal("1", quantity?.GetAttribute("value"));
        Assert.Equal("5", quantity?.GetAttribute("max"));

        // The grinder bump: offered, not ticked.
        var bump = page.QuerySelector("[data-testid=bump-grinder]");
        Assert.NotNull(bump);
        Assert.Equal("checkbox", bump.GetAttribute("type"));
        Assert.False(bump.HasAttribute("checked"));
        Assert.Contains("$29.00", page.QuerySelector($"label[for='{bump.Id}']")?.TextContent);

        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Contains("Coffee", page.TestId("summary"));
        Assert.DoesNotContain("Grinder", page.TestId("summary"));
        Assert.NotNull(page.QuerySelector("[data-testid=pay]"));
        Assert.Null(page.QuerySelector("[data-testid=pay-error]"));
    }

    [Fact]
    public async Task Unknown_organization_or_offer_is_404()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        using var unknownOrganization = await shopper.Client.GetAsync($"/c/no-such-org-{Guid.NewGuid():N}/{shop.OfferSlug}");
        using var unknownOffer = await shopper.Client.GetAsync($"/c/{shop.OrganizationSlug}/no-such-offer");

        Assert.Equal(HttpStatusCode.NotFound, unknownOrganization.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownOffer.StatusCode);
        Assert.Equal(0, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task Draft_offer_is_404_and_opens_no_session()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var draft = await shop.CreateDraftOfferAsync();
        using var shopper = factory.CreateBrowser();

        using var response = await shopper.Client.GetAsync($"/c/{shop.OrganizationSlug}/{draft}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await SessionCountAsync(shop));
    }

    [Theory]
    [InlineData("/checkout/cs_00000000000000000000000000000000")]
    [InlineData("/checkout/cs_0190aaaabbbbccccddddeeeeffff0000")]
    [InlineData("/checkout/not-a-session")]
    [InlineData("/checkout/prod_0190aaaabbbbccccddddeeeeffff0000")]
    public async Task Unknown_session_is_404(string path)
    {
        using var shopper = factory.CreateBrowser();

        using var response = await shopper.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Choosing_three_bags_and_ticking_the_bump_changes_the_total()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
        {
            ["Input.Slots[0].Price"] = shop.ThreeBags,
            ["Input.Slots[1].Selected"] = "true",
            ["Input.Action"] = "update",
        });
        var (updated, _) = await PageAsync(response);
        var reloaded = await shopper.GetPageAsync(path);

        Assert.Equal("$92.00", updated.TestId("total"));
        Assert.Contains("Grinder", updated.TestId("summary"));
        Assert.Null(updated.QuerySelector(".co-error"));
        // Kept on the server: a fresh GET of the session shows the same choices and total.
        Assert.Equal("$92.00", reloaded.TestId("total"));
        Assert.True(reloaded.QuerySelector("[data-testid=bump-grinder]")!.HasAttribute("checked"));
        Assert.Equal(shop.ThreeBags, reloaded.QuerySelector("input[type=radio][name='Input.Slots[0].Price'][checked]")?.GetAttribute("value"));
        var session = await SessionAsync(path);
        Assert.Equal(9200, session.AmountTotal);

        // Unticking the bump and taking two single bags: 2 × $24.00.
        using var back = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
        {
            ["Input.Slots[0].Price"] = shop.OneBag,
            ["Input.Slots[0].Quantity"] = "2",
            ["Input.Slots[1].Selected"] = null,
            ["Input.Action"] = "update",
        });
        var (twoBags, _) = await PageAsync(back);
        Assert.Equal("$48.00", twoBags.TestId("total"));
        Assert.DoesNotContain("Grinder", twoBags.TestId("summary"));
    }

    [Fact]
    public async Task Paying_with_4242_redirects_to_the_thank_you_with_order_1001_and_exactly_one_order()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        using (var chosen = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
               {
                   ["Input.Slots[0].Price"] = shop.ThreeBags, ["Input.Slots[1].Selected"] = "true", ["Input.Action"] = "update",
               }))
            Assert.Equal("$92.00", (await PageAsync(chosen)).Page.TestId("total"));
        var form = await shopper.GetFormAsync(path, "checkout");
        foreach (var (name, value) in Payment(email: "Sam@Example.test")) form.Fields[name] = value!;

        using var paid = await shopper.PostAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(path, paid.Headers.Location!.PathAndQueryOrOriginal());
        var thanks = await shopper.FollowAsync(paid);
        Assert.Equal("Thank you!", thanks.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("#1001", thanks.TestId("order-number"));
        Assert.Equal("$92.00", thanks.TestId("total"));
        Assert.Null(thanks.QuerySelector("form#checkout-form"));
        Assert.Contains("Sam@Example.test", thanks.Body!.TextContent);

        var key = SessionKey(path);
        var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Include(o => o.Lines).Where(o => o.CheckoutSessionId == key).ToListAsync());
        var order = Assert.Single(orders);
        Assert.Equal(1001, order.Number);
        Assert.Equal(shop.OrganizationId, order.OrganizationId);
        Assert.Equal(9200, order.AmountTotal);
        Assert.Equal("4242", order.CardLast4);
        Assert.Equal(["coffee", "grinder"], order.Lines.OrderBy(l => l.SlotKey).Select(l => l.SlotKey));
        var session = await SessionAsync(path);
        Assert.Equal(CheckoutSessionStatus.Complete, session.Status);
        Assert.Equal(order.Id, session.OrderId);
        var customer = await factory.WithDbAsync(db => db.Customers.IgnoreQueryFilters().SingleAsync(c => c.OrganizationId == shop.OrganizationId));
        Assert.Equal(order.CustomerId, customer.Id);
        Assert.Equal("Sam Shopper", customer.Name);
        Assert.Equal("#1001", (await shopper.GetPageAsync(path)).TestId("order-number"));
    }

    /// <summary>A second tab (or a resubmitted POST) pays a session another tab has already paid: still one order,
    /// and the shopper lands on the thank-you page rather than an error.</summary>
    [Fact]
    public async Task Paying_again_from_a_second_tab_after_the_first_paid_shows_the_thank_you_and_charges_once()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var firstTab = await shopper.GetFormAsync(path, "checkout");
        var secondTab = await shopper.GetFormAsync(path, "checkout");
        foreach (var (name, value) in Payment()) firstTab.Fields[name] = secondTab.Fields[name] = value!;

        using var first = await shopper.PostAsync(firstTab);
        using var second = await shopper.PostAsync(secondTab);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(1, await OrderCountAsync(shop));
        var body = await second.Content.ReadAsStringAsync();
        Assert.True(second.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
            $"The second tab's pay POST answered {(int)second.StatusCode} {second.Content.Headers.ContentType}: {Browser.Truncate(body)}");
        var page = second.StatusCode == HttpStatusCode.OK ? Browser.Parse(body) : await shopper.FollowAsync(second);
        Assert.Equal("#1001", page.TestId("order-number"));
    }

    [Fact]
    public async Task Expired_session_shows_a_clear_page_with_a_way_to_start_again_and_refuses_to_pay()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var form = await shopper.GetFormAsync(path, "checkout");
        foreach (var (name, value) in Payment()) form.Fields[name] = value!;
        var key = SessionKey(path);
        var expiresAt = DateTime.UtcNow.AddMinutes(-1);
        await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(s => s.Id == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, expiresAt)));
        // Time ran out while the page was cached: the cache would have kept it no longer than the session's lifetime.
        factory.Services.GetRequiredService<CheckoutPageCache>().Evict(CheckoutPageCache.SessionTag(key));

        using var expired = await shopper.Client.GetAsync(path);
        var page = await Browser.ParseAsync(expired);

        // 410 Gone, with the checkout's own page (not the status page) and a way back to the offer.
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("This checkout has expired", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("form#checkout-form"));
        var again = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Start again");
        Assert.Equal(shop.Link, new Uri(new Uri("http://localhost/"), again.GetAttribute("href")).AbsolutePath);
        Assert.NotEqual(path, await shopper.StartCheckoutAsync(shop));

        // The form the shopper still has open is posted after the session expired: nothing is charged, and the
        // answer is the expired page (not an error).
        using var late = await shopper.PostAsync(form);
        Assert.Equal(0, await OrderCountAsync(shop));
        var body = await late.Content.ReadAsStringAsync();
        Assert.True(late.StatusCode == HttpStatusCode.Gone, $"A pay POST on an expired session answered {(int)late.StatusCode} {late.Content.Headers.ContentType}: {Browser.Truncate(body)}");
        Assert.Equal("This checkout has expired", Browser.Parse(body).QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Card_number_is_in_no_row_of_sessions_orders_or_customers_after_paying()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        using (var declined = await shopper.PostCheckoutAsync(path, Payment(card: Declined)))
            Assert.NotNull((await PageAsync(declined)).Page.TestId("pay-error"));

        using var paid = await shopper.PostCheckoutAsync(path, Payment(card: "4242-4242-4242-4242", cvc: "987"));

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var values = new List<string>();
        foreach (var table in new[] { "checkout_sessions", "orders", "order_lines", "customers" })
            values.AddRange(await factory.RawValuesAsync(table, shop.OrganizationId));
        Assert.Contains(values, v => v.Contains("shopper@example.test", StringComparison.Ordinal));   // the scan reads real rows
        foreach (var number in new[] { "4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "4000000000000002", "4000 0000 0000 0002" })
            Assert.DoesNotContain(values, v => v.Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v == "987");
    }

    [Fact]
    public async Task Declined_card_shows_a_plain_message_keeps_the_session_open_and_never_echoes_the_number()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, Payment(card: Declined));
        var (page, html) = await PageAsync(response);

        Assert.Equal("Your card was declined. Try another card or contact your bank.", page.TestId("pay-error"));
        Assert.Equal("alert", page.QuerySelector("[data-testid=pay-error]")?.GetAttribute("role"));
        Assert.NotNull(page.QuerySelector("form#checkout-form"));
        Assert.NotNull(page.QuerySelector("[data-testid=pay]"));
        Assert.Null(page.QuerySelector("[data-testid=order-number]"));
        Assert.DoesNotContain("4000 0000 0000 0002", html, StringComparison.Ordinal);
        Assert.DoesNotContain("4000000000000002", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0000 0002", html, StringComparison.Ordinal);
        Assert.Equal("", page.QuerySelector("#co-card")?.GetAttribute("value") ?? "");
        Assert.Equal("", page.QuerySelector("#co-cvc")?.GetAttribute("value") ?? "");
        // What the shopper typed in the other fields is kept.
        Assert.Equal("shopper@example.test", page.QuerySelector("#co-email")?.GetAttribute("value"));

        var session = await SessionAsync(path);
        Assert.Equal(CheckoutSessionStatus.Open, session.Status);
        Assert.Equal("generic_decline", session.LastDeclineCode);
        Assert.Null(session.OrderId);
        Assert.Equal(0, await OrderCountAsync(shop));

        // A fresh GET of the session: still the form, and another card goes through.
        var reloaded = await shopper.GetPageAsync(path);
        Assert.NotNull(reloaded.QuerySelector("form#checkout-form"));
        using var paid = await shopper.PostCheckoutAsync(path, Payment());
        Assert.Equal("#1001", (await shopper.FollowAsync(paid)).TestId("order-number"));
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "12/30", "123", "card.number", "Your card number is not valid.")]
    [InlineData("4242 4242 4242 4242", "13/30", "123", "card.expiry", "The expiry month must be between 1 and 12.")]
    [InlineData("4242 4242 4242 4242", "01/20", "123", "card.expiry", "Your card's expiry date is in the past.")]
    [InlineData("4242 4242 4242 4242", "12/3", "123", "card.expiry", "Enter the expiry date as MM/YY.")]
    [InlineData("4242 4242 4242 4242", "12/30", "12", "card.cvc", "The security code is the 3 or 4 digits on your card.")]
    [InlineData("", "12/30", "123", "card.number", "Enter your card number.")]
    public async Task Bad_card_details_get_a_message_under_their_field_and_nothing_is_charged(
        string card, string expiry, string cvc, string field, string message)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, Payment(card, expiry, cvc));
        var (page, html) = await PageAsync(response);

        Assert.Equal(message, page.FieldError(field));
        Assert.Equal("alert", page.GetElementById(field + "-error")?.GetAttribute("role"));
        Assert.Null(page.TestId("pay-error"));
        Assert.NotNull(page.QuerySelector("form#checkout-form"));
        // Never rendered back: the field is empty (the test-mode hint itself names 4242 4242 4242 4242).
        Assert.Null(page.QuerySelector("#co-card")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#co-cvc")!.GetAttribute("value"));
        if (card.Length > 0 && card != Visa) Assert.DoesNotContain(card, html, StringComparison.Ordinal);
        Assert.Equal(0, await OrderCountAsync(shop));
        Assert.Equal(CheckoutSessionStatus.Open, (await SessionAsync(path)).Status);
    }

    [Fact]
    public async Task Field_with_an_error_is_marked_invalid_for_assistive_technology()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, Payment(card: "4242 4242 4242 4241"));
        var (page, _) = await PageAsync(response);

        var input = page.QuerySelector("#co-card")!;
        Assert.Equal("card.number-error", input.GetAttribute("aria-describedby"));
        // aria-invalid="" (or a bare attribute) counts as false in WAI-ARIA: the value must be "true".
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var untouched = page.QuerySelector("#co-email")!;
        Assert.NotEqual("true", untouched.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Missing_email_gets_a_message_and_nothing_is_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, Payment(email: ""));
        var (page, _) = await PageAsync(response);

        Assert.Equal("Enter the email address your receipt goes to.", page.FieldError("customer_email"));
        Assert.Null(page.TestId("pay-error"));
        Assert.Equal(0, await OrderCountAsync(shop));
        Assert.Equal(CheckoutSessionStatus.Open, (await SessionAsync(path)).Status);
    }

    [Fact]
    public async Task Invalid_email_gets_a_message_and_nothing_is_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, Payment(email: "not-an-email"));
        var (page, _) = await PageAsync(response);

        Assert.Contains("is not an email address", page.FieldError("customer_email"));
        Assert.Equal(0, await OrderCountAsync(shop));
    }

    [Fact]
    public async Task Head_links_only_checkout_css_and_no_bootstrap()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.Client.GetAsync(path);
        var (page, html) = await PageAsync(response);

        var headSheets = page.Head!.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href") ?? "").ToList();
        Assert.Contains(headSheets, h => h.EndsWith("checkout.css", StringComparison.Ordinal));
        Assert.DoesNotContain("bootstrap", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(headSheets, h => h.Contains("account.css", StringComparison.Ordinal));
        Assert.DoesNotContain(headSheets, h => h.Contains("funnel.css", StringComparison.Ordinal) || h.Contains("portal.css", StringComparison.Ordinal));
        // No script blocks rendering: every script is external and deferred.
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") && (s.HasAttribute("defer") || s.HasAttribute("async")), s.OuterHtml));

        var sheet = headSheets.Single(h => h.EndsWith("checkout.css", StringComparison.Ordinal));
        using var css = await shopper.Client.GetAsync("/" + sheet.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Page_carries_the_strict_content_security_policy_and_has_nothing_inline()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.Client.GetAsync(path);
        var (page, _) = await PageAsync(response);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("style-src 'self'", directives["style-src"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // The policy would block inline code, so the page must not rely on any.
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Tampered_price_from_another_offer_is_refused_and_the_total_is_unchanged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var foreignPrice = await shop.CreateOtherOfferPriceAsync();
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var update = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
        {
            ["Input.Slots[0].Price"] = foreignPrice, ["Input.Action"] = "update",
        });
        var (updated, _) = await PageAsync(update);
        using var pay = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>(Payment())
        {
            ["Input.Slots[0].Price"] = foreignPrice,
        });
        var (paid, _) = await PageAsync(pay);

        Assert.Equal("That price is not offered for Coffee.", updated.FieldError("selection.coffee.price"));
        Assert.Equal("$24.00", updated.TestId("total"));
        Assert.Equal("That price is not offered for Coffee.", paid.FieldError("selection.coffee.price"));
        Assert.Equal("$24.00", paid.TestId("total"));
        var session = await SessionAsync(path);
        Assert.Equal(2400, session.AmountTotal);
        Assert.Equal(CheckoutSessionStatus.Open, session.Status);
        Assert.Equal(0, await OrderCountAsync(shop));
    }

    [Fact]
    public async Task Malformed_price_id_gets_a_message_under_its_slot()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
        {
            ["Input.Slots[0].Price"] = "price_1", ["Input.Action"] = "update",
        });
        var (page, _) = await PageAsync(response);

        Assert.Equal("Choose one of the options.", page.FieldError("selection.coffee.price"));
        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Equal(2400, (await SessionAsync(path)).AmountTotal);
    }

    /// <summary>The bump's price is a hidden field; a shopper who edits it to the $63.00 bag price must be told, not
    /// silently ignored (the issue: "tampered amounts, unknown prices or slots: inline errors, nothing charged").</summary>
    [Fact]
    public async Task Tampered_bump_price_is_refused_with_a_message_and_nothing_is_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>(Payment())
        {
            ["Input.Slots[1].Selected"] = "true", ["Input.Slots[1].Price"] = shop.ThreeBags,
        });
        var (page, _) = await PageAsync(response);

        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Equal(0, await OrderCountAsync(shop));
        Assert.Equal(2400, (await SessionAsync(path)).AmountTotal);
        Assert.Contains(page.QuerySelectorAll("[role=alert]"), a => a.TextContent.Contains("That price is not offered for Grinder.", StringComparison.Ordinal));
    }

    /// <summary>A slot key the offer does not have: refused, and the shopper is told why.</summary>
    [Fact]
    public async Task Unknown_slot_is_refused_with_a_message_and_nothing_is_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>(Payment())
        {
            ["Input.Slots[2].Key"] = "extra", ["Input.Slots[2].Price"] = shop.ThreeBags, ["Input.Slots[2].Quantity"] = "1",
        });
        var (page, _) = await PageAsync(response);

        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Equal(0, await OrderCountAsync(shop));
        Assert.Contains(page.QuerySelectorAll("[role=alert]"), a => a.TextContent.Contains("The offer has no slot 'extra'.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quantity_above_the_slot_maximum_gets_a_message_and_the_total_is_unchanged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
        {
            ["Input.Slots[0].Quantity"] = "6", ["Input.Action"] = "update",
        });
        var (page, _) = await PageAsync(response);
        using var zero = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
        {
            ["Input.Slots[0].Quantity"] = "0", ["Input.Action"] = "update",
        });
        var (zeroPage, _) = await PageAsync(zero);

        Assert.Equal("Choose between 1 and 5 for Coffee.", page.FieldError("selection.coffee.quantity"));
        Assert.Equal("$24.00", page.TestId("total"));
        Assert.Equal("Choose between 1 and 5 for Coffee.", zeroPage.FieldError("selection.coffee.quantity"));
        Assert.Equal(2400, (await SessionAsync(path)).AmountTotal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("-2")]
    public async Task A_quantity_that_is_not_a_whole_number_gets_a_message_and_nothing_is_charged(string typed)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var fields = Payment();
        fields["Input.Slots[0].Quantity"] = typed;

        using var response = await shopper.PostCheckoutAsync(path, fields);
        var (page, _) = await PageAsync(response);

        Assert.Equal("Enter the quantity as a whole number.", page.FieldError("selection.coffee.quantity"));
        Assert.Equal(0, await OrderCountAsync(shop));
        Assert.Equal(2400, (await SessionAsync(path)).AmountTotal);
    }

    private Task<CheckoutSession> SessionAsync(string path)
    {
        var key = SessionKey(path);
        return factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == key));
    }

    private Task<int> SessionCountAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId));

    private Task<int> OrderCountAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId));
}
