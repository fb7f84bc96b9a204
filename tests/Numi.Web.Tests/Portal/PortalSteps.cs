using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Portal;

/// <summary>An organization whose customer bought a monthly subscription at checkout, and the way into its portal.</summary>
public sealed record PortalShop(Guid OrganizationId, string Slug, HttpClient Api, string CustomerEmail, string SubscriptionId) : IDisposable
{
    public string Home => "/portal/" + Slug;

    public void Dispose() => Api.Dispose();
}

public static class PortalSteps
{
    public static async Task<PortalShop> ShopWithSubscriberAsync(this NumiFactory factory)
    {
        var (organizationId, api) = await factory.NewOrganizationClientAsync();
        var slug = await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId).Select(o => o.Slug).SingleAsync());
        var email = $"ana-{Guid.NewGuid():N}@example.com";
        await SubscriptionsTests.SubscribeAsync(api, email);
        var subscription = (await api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        return new PortalShop(organizationId, slug, api, email, subscription);
    }

    /// <summary>Asks for a link on the portal's sign-in form; answers the page shown after.</summary>
    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> AskForLinkAsync(this Browser browser, string home, string email)
    {
        using var asked = await browser.SubmitAsync(home, new Dictionary<string, string> { ["Input.Email"] = email }, "portal-link");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        return await Browser.ParseAsync(asked);
    }

    /// <summary>Asks for a link as the shop's customer and answers the link mailed.</summary>
    public static async Task<string> MailedLinkAsync(this NumiFactory factory, Browser browser, PortalShop shop)
    {
        await browser.AskForLinkAsync(shop.Home, shop.CustomerEmail);
        return await factory.LatestLinkMailedToAsync(shop.CustomerEmail);
    }

    /// <summary>Opens a link that must sign in: it lands on the orders page.</summary>
    public static async Task OpenLinkAsync(this Browser browser, PortalShop shop, string link)
    {
        using var opened = await browser.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(shop.Home + "/orders", opened.Headers.Location!.PathAndQueryOrOriginal());
    }

    /// <summary>The browser is not signed in to the shop's portal: its pages send it to the sign-in form.</summary>
    public static async Task AssertSignedOutAsync(this Browser browser, PortalShop shop)
    {
        using var response = await browser.Client.GetAsync(shop.Home + "/orders");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(shop.Home, response.Headers.Location!.PathAndQueryOrOriginal());
    }

    public static async Task<Browser> SignedInAsync(this NumiFactory factory, PortalShop shop)
    {
        var browser = factory.CreateBrowser();
        await browser.OpenLinkAsync(shop, await factory.MailedLinkAsync(browser, shop));
        return browser;
    }
}
