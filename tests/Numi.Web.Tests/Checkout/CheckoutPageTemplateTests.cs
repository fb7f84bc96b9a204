using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Web.Features.Checkout;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A session's first view may come from another session's page cut at its id (<see cref="CheckoutPageTemplates"/>):
/// it must be byte for byte the page rendered whole, in every state a session's page shows, and never be used across
/// organizations, for an expired session, or after the offer it was rendered from was dropped. An app of its own, as
/// the tests turn the templates off to render pages whole.</summary>
public sealed class CheckoutPageTemplateTests(ColdCheckoutPageFactory factory) : IClassFixture<ColdCheckoutPageFactory>
{
    public static TheoryData<string> States => CheckoutPageStates.All;

    [Theory]
    [MemberData(nameof(States))]
    public async Task A_page_from_another_sessions_template_is_the_page_rendered_whole(string state)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var code = await CheckoutPageStates.TaxAndCodeAsync(shop);
        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();
        using var third = factory.CreateBrowser();
        var sessions = new[] { (first, await first.StartCheckoutAsync(shop)), (second, await second.StartCheckoutAsync(shop)), (third, await third.StartCheckoutAsync(shop)) };
        foreach (var (shopper, path) in sessions) await CheckoutPageStates.ReachAsync(state, shop, shopper, path);
        await CheckoutPageStates.SpoilCodeAsync(state, shop, code);

        // The first view is cut, the second (rendered whole) confirms the cut, the third is filled in from it.
        var (a, b, (shopper3, c)) = (sessions[0], sessions[1], sessions[2]);
        await ViewAsync(a.Item1, a.Item2, templates: true);
        await ViewAsync(b.Item1, b.Item2, templates: true);
        var served = Templates.Served;
        var filled = await ViewAsync(shopper3, c, templates: true);
        Assert.Equal(served + 1, Templates.Served);

        var whole = await ViewAsync(shopper3, c + "?view=whole", templates: false);
        Assert.Contains(CheckoutPageStates.Shows(state), whole);
        Assert.Contains(CheckoutPageStates.SessionId(c), whole);
        Assert.DoesNotContain(CheckoutPageStates.SessionId(a.Item2), filled);
        Assert.Equal(whole, filled);
    }

    [Fact]
    public async Task Two_organizations_never_share_a_template()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var other = await CheckoutShop.CreateAsync(factory);
        using var browser = factory.CreateBrowser();
        var (a, b) = (await browser.StartCheckoutAsync(shop), await browser.StartCheckoutAsync(shop));
        await ViewAsync(browser, a, templates: true);
        await ViewAsync(browser, b, templates: true);

        var served = Templates.Served;
        var (c, d, e) = (await browser.StartCheckoutAsync(other), await browser.StartCheckoutAsync(other), await browser.StartCheckoutAsync(other));
        await ViewAsync(browser, c, templates: true);
        var otherSecond = await ViewAsync(browser, d, templates: true);
        Assert.Equal(served, Templates.Served);
        var otherThird = await ViewAsync(browser, e, templates: true);

        Assert.Equal(served + 1, Templates.Served);
        Assert.Equal(await ViewAsync(browser, d + "?view=whole", templates: false), otherSecond);
        Assert.Equal(await ViewAsync(browser, e + "?view=whole", templates: false), otherThird);
        Assert.NotEqual(otherSecond.Replace(CheckoutPageStates.SessionId(d), "ID"), (await ViewAsync(browser, b + "?view=whole", templates: false)).Replace(CheckoutPageStates.SessionId(b), "ID"));
    }

    [Fact]
    public async Task An_expired_session_is_rendered_as_expired_not_filled_in()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var browser = factory.CreateBrowser();
        var c = await ThirdOfAStateAsync(shop, browser);
        var key = SessionKey(c);
        var past = DateTime.UtcNow.AddMinutes(-1);
        await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, past)));

        var served = Templates.Served;
        using var expired = await browser.Client.GetAsync(c);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This checkout has expired", await expired.Content.ReadAsStringAsync());
        Assert.Equal(served, Templates.Served);
    }

    [Fact]
    public async Task A_change_to_the_offer_drops_its_templates()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var browser = factory.CreateBrowser();
        var c = await ThirdOfAStateAsync(shop, browser);

        await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", """{"design":{"headline":"Roasted yesterday"}}""");
        var served = Templates.Served;
        var page = await ViewAsync(browser, c, templates: true);

        Assert.Equal(served, Templates.Served);
        Assert.Contains("Roasted yesterday", page);
        Assert.DoesNotContain(CheckoutShop.Headline, page);
    }

    [Fact]
    public void Every_property_of_a_session_is_either_in_its_state_or_named_as_not_shown()
    {
        var properties = typeof(CheckoutSession).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order();

        Assert.Equal(properties, CheckoutPageTemplates.Shown.Concat(CheckoutPageTemplates.NotShown).Order());
        Assert.Empty(CheckoutPageTemplates.Shown.Intersect(CheckoutPageTemplates.NotShown));
    }

    [Fact]
    public void A_cut_is_filled_in_with_another_id_and_used_only_once_a_second_page_confirms_it()
    {
        var (one, two) = ("cs_one"u8.ToArray(), "cs_two"u8.ToArray());
        var template = CheckoutPageTemplates.Template.Cut(Encoding.UTF8.GetBytes("<a href=\"/checkout/cs_one\">cs_one</a>"), one, "text/html", null);

        Assert.Equal("<a href=\"/checkout/cs_two\">cs_two</a>", Encoding.UTF8.GetString(template.Fill(two)));
        Assert.False(template.IsConfirmed);
        template.Check(Encoding.UTF8.GetBytes("<a href=\"/checkout/cs_two\">cs_two</a>"), two, "text/html", null);
        Assert.True(template.IsConfirmed);

        var refused = CheckoutPageTemplates.Template.Cut(Encoding.UTF8.GetBytes("cs_one expires 10:00"), one, "text/html", null);
        refused.Check(Encoding.UTF8.GetBytes("cs_two expires 11:00"), two, "text/html", null);
        refused.Check(Encoding.UTF8.GetBytes("cs_two expires 10:00"), two, "text/html", null);
        Assert.False(refused.IsConfirmed);
    }

    private CheckoutPageTemplates Templates => FirstViews.Templates(factory);

    /// <summary>Opens three sessions in the same state and views two (the first is cut, the second confirms the cut);
    /// answers the third's path, whose first view the template would answer.</summary>
    private async Task<string> ThirdOfAStateAsync(CheckoutShop shop, Browser browser)
    {
        var (a, b, c) = (await browser.StartCheckoutAsync(shop), await browser.StartCheckoutAsync(shop), await browser.StartCheckoutAsync(shop));
        await ViewAsync(browser, a, templates: true);
        await ViewAsync(browser, b, templates: true);
        return c;
    }

    private Task<string> ViewAsync(Browser shopper, string url, bool templates) => FirstViews.ViewAsync(factory, shopper, url, templates);

    private static Guid SessionKey(string path) =>
        PublicId.TryParse(IdPrefixes.CheckoutSession, CheckoutPageStates.SessionId(path), out var key) ? key.Value : throw new InvalidOperationException(path);
}
