using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests;

/// <summary>Every form post (shopper, account and signed-in static pages, htmx included, and the account endpoints) is checked
/// before it runs: a body that is not a form is a 415 and one that cannot be read a 400, each with the status page,
/// never a 500; and a post from another site is refused with 403.</summary>
[Collection(AppCollection.Name)]
public sealed class FormPostTests(NumiFactory factory)
{
    public static TheoryData<string, string> Bodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in new[] { "checkout", "htmx", "signin", "merchant", "signout" })
            foreach (var body in new[] { "none", "json", "not-multipart", "no-boundary", "nul" })
                data.Add(target, body);
        return data;
    }

    [Theory, MemberData(nameof(Bodies))]
    public async Task A_body_that_is_not_a_readable_form_is_a_client_error_with_the_status_page(string target, string body)
    {
        using var browser = factory.CreateBrowser();
        var url = await TargetAsync(browser, target);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Body(body) };
        if (target == "htmx") request.Headers.Add("HX-Request", "true");

        using var response = await browser.Client.SendAsync(request);

        var expected = body is "none" or "json" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest;
        Assert.True(response.StatusCode == expected, $"{target} with {body}: {(int)response.StatusCode} {Browser.Truncate(await response.Content.ReadAsStringAsync())}");
        Assert.Contains("could not be processed", (await Browser.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("Origin", "https://shop.evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Referer", "https://shop.evil.example/buy")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_checkout_post_from_another_site_is_refused_even_with_the_shoppers_cookie(string header, string value)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        shopper.Client.DefaultRequestHeaders.Add(header, value);

        using var response = await shopper.PostCheckoutAsync(session, Payment());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task A_post_from_numis_own_origin_goes_through()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        shopper.Client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        shopper.Client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");

        using var response = await shopper.PostCheckoutAsync(session, Payment());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_post_from_the_public_address_goes_through_behind_a_proxy_that_sends_its_own_host()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        // The factory's Numi:PublicUrl is http://localhost; the proxy forwards to Numi under an internal name.
        shopper.Client.DefaultRequestHeaders.Host = "numi-internal:8080";
        shopper.Client.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var response = await shopper.PostCheckoutAsync(session, Payment());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_merchant_form_posted_from_another_site_is_refused()
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();
        var other = await factory.CreateOrganizationAsync(Merchant.New());
        var userId = await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == merchant.Email);
            db.Memberships.Add(Numi.Core.Organizations.Membership.Create(other, user.Id, Numi.Core.Organizations.OrganizationRole.Member, DateTime.UtcNow));
            await db.SaveChangesAsync();
            return user.Id;
        });
        // A merchant form still posted as a page (the merchant app's own forms are interactive and post nothing): the
        // organization switch, which would otherwise make the other organization the current one.
        var form = Form.FromAction(await browser.GetSignOutPageAsync(), "account/switch-organization",
            f => f.QuerySelector("input[name=organizationId]")?.GetAttribute("value") == other.ToString());
        browser.Client.DefaultRequestHeaders.Add("Origin", "https://shop.evil.example");

        using var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(other, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).SingleAsync()));
    }

    private async Task<string> TargetAsync(Browser browser, string target)
    {
        switch (target)
        {
            case "checkout" or "htmx":
                using (var shop = await CheckoutShop.CreateAsync(factory)) return await browser.StartCheckoutAsync(shop);
            case "merchant":
                // The signed-in page still rendered statically (the merchant app's own pages are interactive).
                await browser.SignUpAsync();
                return Infrastructure.Pages.WithSignOutForm;
            case "signout":
                await browser.SignUpAsync();
                return "/account/signout";
            default:
                return "/account/signin";
        }
    }

    /// <summary>A post's body: <c>none</c> (no Content-Type), <c>json</c>, <c>not-multipart</c> (declared multipart with a
    /// boundary, but not), <c>no-boundary</c> (multipart without one), <c>nul</c> (a form with a NUL in a value), else a
    /// readable form.</summary>
    internal static HttpContent Body(string kind)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(kind switch
        {
            "json" => """{"Input.Email":"a@example.test"}""",
            "nul" => "_handler=checkout&Input.Email=a%00b",
            _ => "_handler=checkout&Input.Email=a",
        }));
        content.Headers.ContentType = kind switch
        {
            "none" => null,
            "json" => new MediaTypeHeaderValue("application/json"),
            "not-multipart" => MediaTypeHeaderValue.Parse("multipart/form-data; boundary=numi-boundary"),
            "no-boundary" => new MediaTypeHeaderValue("multipart/form-data"),
            _ => new MediaTypeHeaderValue("application/x-www-form-urlencoded"),
        };
        return content;
    }
}
