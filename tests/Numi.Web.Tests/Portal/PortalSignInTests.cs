using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Portal;

/// <summary>The portal's emailed sign-in link: mailed only to a customer (the page answers the same for anyone), signs
/// in once, never after use or expiry, and the sign-in ends with sign-out.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalSignInTests(NumiFactory factory)
{
    private const string SentText = "we have emailed a sign-in link";

    [Fact]
    public async Task A_customer_gets_a_link_that_signs_in_once_and_shows_their_orders()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = factory.CreateBrowser();

        var sent = await browser.AskForLinkAsync(shop.Home, shop.CustomerEmail);
        Assert.Contains(SentText, sent.QuerySelector("[data-testid=link-sent]")!.TextContent);
        Assert.Equal(["checkout.css", "portal.css"], sent.Head!.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href") ?? "")
            .Where(h => !h.Contains("theme", StringComparison.Ordinal)));
        var link = await factory.LatestLinkMailedToAsync(shop.CustomerEmail);
        Assert.StartsWith($"{shop.Home}/sign-in?token=", link);
        var secret = Uri.UnescapeDataString(link[(link.IndexOf('=') + 1)..]);
        Assert.False(await factory.WithDbAsync(db => db.PortalSignInTokens.IgnoreQueryFilters().AnyAsync(t => t.TokenHash == secret)),
            "the raw secret must not be stored");

        await browser.OpenLinkAsync(shop, link);
        var orders = await browser.GetPageAsync(shop.Home + "/orders");
        var row = Assert.Single(orders.QuerySelectorAll("[data-testid=order]"));
        Assert.Contains("$22.00", row.TextContent);
        Assert.Contains("Paid", row.TextContent);
        var number = row.QuerySelector("a")!.TextContent.Trim().TrimStart('#');
        var order = await browser.GetPageAsync($"{shop.Home}/orders/{number}");
        Assert.Contains("Coffee Club", order.QuerySelector(".co-summary")!.TextContent);
        Assert.Equal("$22.00", order.QuerySelector("[data-testid=total]")!.TextContent.Trim());

        using var again = factory.CreateBrowser();
        using var reused = await again.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        var refused = await Browser.ParseAsync(reused);
        Assert.Contains("already used", refused.QuerySelector("h1")!.TextContent);
        Assert.NotNull(refused.QuerySelector("[data-testid=send-link]"));
        await again.AssertSignedOutAsync(shop);
    }

    [Fact]
    public async Task An_expired_link_does_not_sign_in_and_offers_a_new_one_that_works()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = factory.CreateBrowser();
        var link = await factory.MailedLinkAsync(browser, shop);
        await factory.WithDbAsync(db => db.PortalSignInTokens.IgnoreQueryFilters().Where(t => t.OrganizationId == shop.OrganizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        var refused = await browser.GetPageAsync(link);

        Assert.Contains("expired", refused.QuerySelector("h1")!.TextContent);
        await browser.AssertSignedOutAsync(shop);
        // "Send a new link" posts to the sign-in page, which mails a new link that works.
        var form = Form.From(refused, link, "portal-link");
        Assert.Equal(shop.Home, form.Action);
        form.Fields["Input.Email"] = shop.CustomerEmail;
        using var asked = await browser.PostAsync(form);
        Assert.Contains(SentText, (await Browser.ParseAsync(asked)).Body!.TextContent);
        var fresh = await factory.LatestLinkMailedToAsync(shop.CustomerEmail);
        Assert.NotEqual(link, fresh);
        await browser.OpenLinkAsync(shop, fresh);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = factory.CreateBrowser();
        var stranger = $"nobody-{Guid.NewGuid():N}@example.com";

        var known = await browser.AskForLinkAsync(shop.Home, shop.CustomerEmail);
        var unknown = await browser.AskForLinkAsync(shop.Home, stranger);

        Assert.Equal(known.QuerySelector("main")!.TextContent, unknown.QuerySelector("main")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == stranger)));
        Assert.Single(await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == shop.CustomerEmail && m.Subject.StartsWith("Your sign-in link")).ToListAsync()));
    }

    [Fact]
    public async Task A_bad_email_is_named_under_the_field()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = factory.CreateBrowser();

        var page = await browser.AskForLinkAsync(shop.Home, "not-an-email");

        Assert.Equal("Enter a valid email address.", page.QuerySelector("[data-testid=email-error]")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#email")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_link_of_one_organization_does_not_sign_in_to_another()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var other = await factory.ShopWithSubscriberAsync();
        using var browser = factory.CreateBrowser();
        var link = await factory.MailedLinkAsync(browser, shop);

        var refused = await browser.GetPageAsync(link.Replace(shop.Home, other.Home, StringComparison.Ordinal));

        Assert.Contains("does not work", refused.QuerySelector("h1")!.TextContent);
        await browser.OpenLinkAsync(shop, link);
    }

    [Fact]
    public async Task Sign_out_ends_the_portal_sign_in_and_needs_the_antiforgery_token()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);
        var page = await browser.GetPageAsync(shop.Home + "/orders");
        var signOut = Form.FromAction(page, $"portal/{shop.Slug}/sign-out");

        using var forged = await browser.Client.PostAsync(signOut.Action, new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await browser.GetPageAsync(shop.Home + "/orders");

        using var signedOut = await browser.PostAsync(signOut);
        Assert.Equal(shop.Home + "?signedOut=true", signedOut.Headers.Location!.PathAndQueryOrOriginal());
        await browser.AssertSignedOutAsync(shop);
    }

    [Fact]
    public async Task A_preview_bot_opening_the_link_does_not_burn_it()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = factory.CreateBrowser();
        var link = await factory.MailedLinkAsync(browser, shop);

        using var bot = factory.CreateBrowser();
        bot.Client.DefaultRequestHeaders.UserAgent.ParseAdd("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");
        using var previewed = await bot.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        await browser.OpenLinkAsync(shop, link);
    }

    [Fact]
    public async Task An_unknown_organization_is_not_found()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync($"/portal/no-such-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
