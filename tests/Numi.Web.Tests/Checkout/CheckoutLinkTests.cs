using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Features.Checkout;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>The offer's shareable link (issue 12): opening it writes nothing and answers the offer's page from memory;
/// the shopper's first post opens one session and carries on, with JavaScript (htmx) or without; link previews and
/// crawlers never open one; a double Pay opens one; a post the page could not have sent is a 400 and writes nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutLinkTests(NumiFactory factory)
{
    private const string Slackbot = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

    [Fact]
    public async Task Opening_the_link_writes_no_row_and_every_visitor_gets_the_same_bytes_from_memory()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var before = await RowCountsAsync(shop);

        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();
        using var rendered = await first.Client.GetAsync(shop.Link);
        using var cached = await second.Client.GetAsync(shop.Link + "?utm_source=newsletter");
        using var otherCase = await second.Client.GetAsync(shop.Link.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        var html = await rendered.Content.ReadAsStringAsync();
        Assert.Equal(html, await cached.Content.ReadAsStringAsync());
        Assert.Equal(html, await otherCase.Content.ReadAsStringAsync());
        Assert.True(cached.Headers.Age is not null, "The second visitor's page should come from the page cache (Age header).");
        Assert.False(rendered.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", rendered.Headers.CacheControl?.ToString());
        var page = Browser.Parse(html);
        Assert.Equal("$24.00", page.TestId("total"));
        // The form posts to the document's own address (an empty action), htmx too: the page does not depend on it.
        Assert.Equal("", page.QuerySelector("form#checkout-form")!.GetAttribute("action"));
        Assert.All(page.QuerySelectorAll("[hx-post]"), e => Assert.Equal("", e.GetAttribute("hx-post")));
        Assert.NotEmpty(page.QuerySelector($"input[name='{LinkStartGuard.NonceField}']")!.GetAttribute("value")!);
        Assert.Equal(before, await RowCountsAsync(shop));
    }

    [Fact]
    public async Task A_change_to_the_offer_shows_on_the_link_at_once()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        Assert.Equal(CheckoutShop.Headline, (await shopper.GetPageAsync(shop.Link)).QuerySelector("h1")?.TextContent.Trim());

        await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", """{"design":{"headline":"Roasted yesterday"}}""");

        Assert.Equal("Roasted yesterday", (await shopper.GetPageAsync(shop.Link)).QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Link_previews_and_crawlers_get_the_offer_page_and_never_a_session_even_when_they_post()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var bot = factory.CreateBrowser();
        bot.Client.DefaultRequestHeaders.UserAgent.ParseAdd(Slackbot);
        var before = await RowCountsAsync(shop);

        var form = await bot.GetFormAsync(shop.Link, "checkout");
        foreach (var (name, value) in Payment()) form.Fields[name] = value!;
        using var posted = await bot.PostAsync(form);

        var (page, _) = await PageAsync(posted);
        Assert.Equal(CheckoutShop.Headline, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.False(posted.Headers.Contains("Set-Cookie"));
        Assert.Null(posted.Content.Headers.ContentLocation);
        Assert.Equal(before, await RowCountsAsync(shop));
    }

    [Theory]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Twitterbot/1.0")]
    [InlineData("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)")]
    [InlineData("WhatsApp/2.23.20.0 A")]
    [InlineData("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)")]
    [InlineData("TelegramBot (like TwitterBot)")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    public void Known_previewers_and_crawlers_are_recognised(string userAgent) => Assert.True(LinkPreviewAgents.Is(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")]
    [InlineData("")]
    [InlineData(null)]
    public void Browsers_are_not_taken_for_bots(string? userAgent) => Assert.False(LinkPreviewAgents.Is(userAgent));

    [Fact]
    public async Task Without_javascript_the_first_post_opens_one_session_answers_its_page_and_the_form_then_posts_to_the_session()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var form = await shopper.GetFormAsync(shop.Link, "checkout");
        form.Fields["Input.Slots[0].Price"] = shop.ThreeBags;
        form.Fields["Input.Action"] = "update";

        using var answer = await shopper.PostAsync(form);

        var (page, _) = await PageAsync(answer);
        var sessionPath = answer.Content.Headers.ContentLocation!.OriginalString;
        Assert.Matches("^/checkout/cs_[0-9a-f]{32}$", sessionPath);
        Assert.Equal("$63.00", page.TestId("total"));
        Assert.Equal(sessionPath, page.QuerySelector("form#checkout-form")!.GetAttribute("action"));
        Assert.Null(page.QuerySelector($"input[name='{LinkStartGuard.NonceField}']"));
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CheckoutBrowser.CookieName + "=", StringComparison.Ordinal) && c.Contains("path=" + sessionPath, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, await SessionCountAsync(shop));

        // The page's form, as answered, pays the session (the browser holds its cookie).
        var next = Form.From(page, shop.Link, "checkout");
        Assert.Equal(sessionPath, next.Action);
        foreach (var (name, value) in Payment()) next.Fields[name] = value!;
        using var paid = await shopper.PostAsync(next);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(sessionPath, paid.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal(1, await SessionCountAsync(shop));
        Assert.Equal(6300, (await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId))).AmountTotal);
    }

    [Fact]
    public async Task With_htmx_the_first_change_pushes_the_session_address_and_later_changes_go_there()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var form = await shopper.GetFormAsync(shop.Link, "checkout");
        form.Fields["Input.Slots[1].Selected"] = "true";
        form.Fields["Input.Action"] = "update";

        using var answer = await shopper.PostWithHtmxAsync(form);

        var (page, _) = await PageAsync(answer);
        var sessionPath = answer.Headers.GetValues("HX-Push-Url").Single();
        Assert.Matches("^/checkout/cs_[0-9a-f]{32}$", sessionPath);
        Assert.Equal("$53.00", page.TestId("total"));
        // htmx posts to the pushed address from now on (hx-post=""), with the session's cookie.
        using var update = await shopper.PostCheckoutAsync(sessionPath, new Dictionary<string, string?> { ["Input.Slots[0].Price"] = shop.ThreeBags, ["Input.Action"] = "update" });
        Assert.Equal("$92.00", (await PageAsync(update)).Page.TestId("total"));
        Assert.Equal(1, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task Pay_on_the_link_without_javascript_opens_the_session_pays_it_and_goes_to_the_thank_you()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        using var paid = await shopper.PostCheckoutAsync(shop.Link, Payment());

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var thanks = await shopper.FollowAsync(paid);
        Assert.Equal("#1001", thanks.TestId("order-number"));
        Assert.Equal(1, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task A_double_pay_on_the_link_opens_one_session_and_makes_one_order()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        var answers = await shopper.PayAtOnceOnTheLinkAsync(shop, 3);

        try
        {
            Assert.Equal(1, await SessionCountAsync(shop));
            Assert.Equal(1, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
            // Every answer leads to that one session and gives the browser its key, whichever answer the browser shows.
            var session = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == shop.OrganizationId));
            var cookies = answers.Select(a => a.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CheckoutBrowser.CookieName + "=", StringComparison.Ordinal)).Split(';')[0]).Distinct();
            Assert.Single(cookies);
            Assert.All(answers, a => Assert.Contains(session.PublicId, a.Headers.Location?.OriginalString ?? a.Content.Headers.ContentLocation?.OriginalString));
        }
        finally
        {
            foreach (var answer in answers) answer.Dispose();
        }
    }

    [Theory]
    [InlineData("Input.Slots[0].Quantity", "abc", "Enter the quantity as a whole number.")]
    [InlineData("Input.Slots[0].Price", "price_1", "Choose one of the options.")]
    [InlineData("Input.Slots[0].Quantity", "9", "Choose between 1 and 5 for Coffee.")]
    [InlineData("Input.Action", "steal", "That button is not on this page. Reload the page and try again.")]
    public async Task A_first_post_with_fields_the_page_could_not_send_is_a_400_with_the_reason_and_writes_nothing(string field, string value, string message) =>
        await RefusedFirstPayAsync(field, value, message);

    [Theory]
    [InlineData("Input.Email", "", "customer_email", "Enter the email address your receipt goes to.")]
    [InlineData("Input.Email", "not-an-email", "customer_email", "'not-an-email' is not an email address.")]
    [InlineData("Input.CardNumber", "", "card.number", "Enter your card number.")]
    [InlineData("Input.CardNumber", "4242 4242 4242 4241", "card.number", "Your card number is not valid.")]
    [InlineData("Input.Expiry", "13", "card.expiry", "Enter the expiry date as MM/YY.")]
    [InlineData("Input.Expiry", "01/20", "card.expiry", "Your card's expiry date is in the past.")]
    [InlineData("Input.Cvc", "12x", "card.cvc", "The security code is the 3 or 4 digits on your card.")]
    public async Task A_garbage_pay_on_the_link_is_a_400_with_the_message_beside_its_field_and_writes_nothing(string field, string value, string shownUnder, string message)
    {
        var (page, answer) = await RefusedFirstPayAsync(field, value, message);
        Assert.Equal(message, page.FieldError(shownUnder));
        Assert.Equal("", page.QuerySelector("form#checkout-form")!.GetAttribute("action"));
        Assert.Null(answer.ContentLocation);
    }

    /// <summary>Pay on the link, without JavaScript, with <paramref name="field"/> set to <paramref name="value"/>: must be
    /// a 400 with <paramref name="message"/> on the offer's page, no cookie, and no row written.</summary>
    private async Task<(AngleSharp.Html.Dom.IHtmlDocument Page, System.Net.Http.Headers.HttpContentHeaders Headers)> RefusedFirstPayAsync(string field, string value, string message)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var before = await RowCountsAsync(shop);
        var fields = Payment();
        fields[field] = value;

        using var refused = await shopper.PostCheckoutAsync(shop.Link, fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        Assert.Contains(message, page.GetElementById("co-refusal")?.TextContent);
        Assert.Equal("$24.00", page.TestId("total"));
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Equal(before, await RowCountsAsync(shop));
        return (page, refused.Content.Headers);
    }

    [Fact]
    public async Task Under_htmx_a_garbage_pay_on_the_link_is_a_400_whose_notice_names_every_problem_and_writes_nothing()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var before = await RowCountsAsync(shop);
        var form = await shopper.GetFormAsync(shop.Link, "checkout");
        foreach (var (name, value) in Payment(email: "", card: "1234")) form.Fields[name] = value!;

        using var refused = await shopper.PostWithHtmxAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(refused.Headers.Contains("HX-Push-Url"));
        // What htmx swaps into the form's notice (App.razor's htmx-config): each problem, in one alert.
        var notice = (await Browser.ParseAsync(refused)).QuerySelector("#co-refusal > [role=alert]")?.TextContent;
        Assert.Contains("Enter the email address your receipt goes to.", notice);
        Assert.Contains("Your card number is not valid.", notice);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Equal(before, await RowCountsAsync(shop));
    }

    [Fact]
    public async Task Under_htmx_a_code_refused_on_the_link_is_the_form_again_with_the_message_beside_the_code_and_writes_nothing()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var before = await RowCountsAsync(shop);
        var form = await shopper.GetFormAsync(shop.Link, "checkout");
        form.Fields["Input.DiscountCode"] = "nope";
        form.Fields["Input.Action"] = "apply-discount";

        using var applied = await shopper.PostWithHtmxAsync(form);

        // As on a session's page: the form again, so htmx swaps the code's field with its message in place.
        var (page, _) = await PageAsync(applied);
        Assert.Equal("“nope” is not a valid discount code.", page.QuerySelector("#co-discount #discount_code-error")?.TextContent);
        Assert.False(applied.Headers.Contains("HX-Push-Url"));
        Assert.False(applied.Headers.Contains("Set-Cookie"));
        // A malformed field beside the code is still a 400.
        foreach (var (name, value) in Payment(email: "")) form.Fields[name] = value!;
        form.Fields["Input.Action"] = "pay";
        using var paid = await shopper.PostWithHtmxAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, paid.StatusCode);
        Assert.Equal(before, await RowCountsAsync(shop));
    }

    [Fact]
    public async Task A_code_that_cannot_be_used_yet_is_refused_on_the_link_with_the_form_again_before_a_session_is_opened_for_pay_and_for_apply()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.Api.PostOkAsync("/api/v1/discount_codes", System.Text.Json.JsonSerializer.Serialize(new
        {
            code = "LATER10", percent_off = 10, valid_from = DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds(),
        }));
        using var shopper = factory.CreateBrowser();
        var before = await RowCountsAsync(shop);

        using var paid = await shopper.PostCheckoutAsync(shop.Link, new Dictionary<string, string?>(Payment()) { ["Input.DiscountCode"] = "later10" });
        using var applied = await shopper.PostCheckoutAsync(shop.Link, new Dictionary<string, string?> { ["Input.DiscountCode"] = "later10", ["Input.Action"] = "apply-discount" });

        foreach (var refused in new[] { paid, applied })
        {
            Assert.Equal("The code LATER10 cannot be used yet.", (await PageAsync(refused)).Page.FieldError("discount_code"));
            Assert.False(refused.Headers.Contains("Set-Cookie"));
        }
        Assert.Equal(before, await RowCountsAsync(shop));
        // A code that can be used opens the session and is applied at once.
        await shop.Api.PostOkAsync("/api/v1/discount_codes", """{"code":"NOW10","percent_off":10}""");
        using var now = await shopper.PostCheckoutAsync(shop.Link, new Dictionary<string, string?> { ["Input.DiscountCode"] = "now10", ["Input.Action"] = "apply-discount" });
        var (page, _) = await PageAsync(now);
        Assert.Equal("$21.60", page.TestId("total"));
        Assert.Equal(1, await SessionCountAsync(shop));
    }

    [Fact]
    public async Task A_tampered_price_on_the_first_post_is_refused_and_writes_nothing()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var foreign = await shop.CreateOtherOfferPriceAsync();
        using var shopper = factory.CreateBrowser();
        var before = await RowCountsAsync(shop);

        using var refused = await shopper.PostCheckoutAsync(shop.Link, new Dictionary<string, string?>(Payment()) { ["Input.Slots[0].Price"] = foreign });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("That price is not offered for Coffee.", (await Browser.ParseAsync(refused)).FieldError("selection.coffee.price"));
        Assert.Equal(before, await RowCountsAsync(shop));
    }

    [Fact]
    public async Task An_unknown_session_is_a_friendly_404_that_says_how_to_start_again()
    {
        using var shopper = factory.CreateBrowser();
        const string unknown = "/checkout/cs_0190aaaabbbbccccddddeeeeffff0000";

        using var bare = await shopper.Client.GetAsync(unknown);
        using var fromTheLink = await GetWithRefererAsync(shopper, unknown, new Uri(shopper.Client.BaseAddress!, "/c/demo/coffee-club"));
        using var fromElsewhere = await GetWithRefererAsync(shopper, unknown, new Uri("https://elsewhere.example/c/demo/coffee-club"));

        const string title = "This checkout was not found";
        var plain = await ShopperStatusPageAsync(bare, HttpStatusCode.NotFound, title);
        Assert.Contains("open the shop's offer link", plain.Body!.TextContent);
        Assert.Null(plain.QuerySelector("[data-testid=start-again]"));
        // Came from an offer's link of this site: "Start again" opens it.
        var again = (await ShopperStatusPageAsync(fromTheLink, HttpStatusCode.NotFound, title)).QuerySelector("[data-testid=start-again]");
        Assert.Equal(("Start again", "c/demo/coffee-club"), (again?.TextContent.Trim(), again?.GetAttribute("href")));
        Assert.Null((await ShopperStatusPageAsync(fromElsewhere, HttpStatusCode.NotFound, title)).QuerySelector("[data-testid=start-again]"));
    }

    [Theory]
    [InlineData("/f/no-such-shop/no-such-funnel", "Nothing was charged")]
    [InlineData("/portal/no-such-shop-9f3a", "ask the shop for a new one")]
    public async Task An_unknown_funnel_or_portal_is_a_404_in_words_for_a_shopper(string path, string says)
    {
        using var shopper = factory.CreateBrowser();

        using var response = await shopper.Client.GetAsync(path);

        Assert.Contains(says, (await ShopperStatusPageAsync(response, HttpStatusCode.NotFound, "This page was not found")).Body!.TextContent);
    }

    private static async Task<HttpResponseMessage> GetWithRefererAsync(Browser browser, string path, Uri referer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Referrer = referer;
        return await browser.Client.SendAsync(request);
    }

    private Task<int> SessionCountAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId));

    /// <summary>Sessions, orders and customers of the shop: what a shopper's visit could write.</summary>
    private Task<(int Sessions, int Orders, int Customers)> RowCountsAsync(CheckoutShop shop) =>
        factory.WithDbAsync(async db => (
            await db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId),
            await db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId),
            await db.Customers.IgnoreQueryFilters().CountAsync(c => c.OrganizationId == shop.OrganizationId)));

    [Fact]
    public async Task Shoppers_paying_their_own_sessions_at_once_each_get_one_order_with_a_number_of_its_own()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AssertPayingOwnSessionsAtOnceMakesOneOrderEachAsync(factory, shop, 8);
    }
}
