using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Web.Features.Checkout;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.FunnelRuntime;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A paid session's thank-you page may come from another order's page cut at its session id, order number and
/// receipt email (<see cref="CheckoutPageTemplates"/>, <see cref="ThankYouRead"/>): it must be byte for byte the page
/// rendered whole, for other numbers, emails that need encoding, quantities and discounts; and a funnel's checkout, an
/// accepted upsell, a changed offer and another organization are never answered from one. An app of its own, which
/// counts the commands of its contexts.</summary>
public sealed class ThankYouTemplateTests(ThankYouTemplateTests.KeptLongFactory factory) : IClassFixture<ThankYouTemplateTests.KeptLongFactory>
{
    /// <summary>Keeps offers and pages 10 minutes instead of 5 s: on a loaded machine the offer a template was learned on
    /// could otherwise expire between two views, and the view after them be rendered again (these tests are of the
    /// templates, not of how long an offer is kept).</summary>
    public sealed class KeptLongFactory : ColdCheckoutPageFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), new("Checkout:PageCacheDuration", "00:10:00")];
    }

    public static TheoryData<string> Cases => ["plain", "bump and quantity", "code applied", "upsell offered"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_thank_you_page_from_another_orders_template_is_the_page_rendered_whole(string state)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CheckoutPageStates.TaxAndCodeAsync(shop);
        if (state == "upsell offered") await shop.AddUpsellAsync();
        // Two lines made in the same millisecond are in no set order (their ids are version 7 GUIDs), and each order of
        // the lines is a state of its own: of six orders, three show the same order.
        var paid = await PayAsync(shop, state == "bump and quantity" ? 6 : 3, state);

        // The first thank-you page of a state is cut, the second (rendered whole) confirms the cut, the next are filled in from it.
        var served = Templates.Served;
        var pages = new List<string>();
        foreach (var shopper in paid) pages.Add(await ViewAsync(shopper));
        if (paid.Length == 3) Assert.Equal(served + 1, Templates.Served);
        else Assert.True(Templates.Served > served);

        foreach (var (shopper, page) in paid.Zip(pages)) Assert.Equal(await WholeAsync(shopper), page);
        var (last, filled) = (paid[^1], pages[^1]);
        Assert.Contains(Shows(state), filled);
        Assert.Contains($">#{await NumberOfAsync(last.Path)}<", filled);
        Assert.Contains(HtmlEncoder.Default.Encode(last.Email), filled);
        Assert.Contains("&#x2B;", HtmlEncoder.Default.Encode(last.Email));
        Assert.DoesNotContain(HtmlEncoder.Default.Encode(paid[0].Email), filled);
        Assert.DoesNotContain(CheckoutPageStates.SessionId(paid[0].Path), filled);
    }

    [Fact]
    public async Task A_thank_you_page_from_a_template_runs_no_command_of_the_apps_contexts()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        var paid = await ConfirmedAsync(shop);
        var served = Templates.Served;

        var commands = await factory.Commands.DuringAsync(() => ViewAsync(paid[2]));

        // Its one read (the session, its order and lines, its organization, whether an upsell or a funnel followed: one
        // plain command outside EF) against 4 commands on a DbContext for a page rendered whole.
        Assert.Equal(served + 1, Templates.Served);
        Assert.Empty(commands);
        Assert.Equal(0, factory.Commands.ConnectionsOpened);
    }

    [Fact]
    public async Task The_upsell_on_a_page_from_a_template_can_be_accepted_and_then_shows_its_order()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        var paid = await ConfirmedAsync(shop);
        var served = Templates.Served;
        Assert.Contains("data-testid=\"accept-upsell\"", await ViewAsync(paid[2]));
        Assert.Equal(served + 1, Templates.Served);

        using (var accepted = await paid[2].Shopper.SubmitAsync(paid[2].Path, new Dictionary<string, string>(), "upsell"))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await paid[2].Shopper.GetPageAsync(paid[2].Path);

        Assert.Equal(served + 1, Templates.Served);
        Assert.Equal("#1004", after.QuerySelector("[data-testid=upsell-order-number]")?.TextContent.Trim());
        Assert.Null(after.QuerySelector("[data-testid=accept-upsell]"));
    }

    [Fact]
    public async Task A_paid_checkout_a_funnel_opened_still_goes_back_to_the_funnel()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        var paid = await PayAsync(funnel.Shop, 2);
        await ViewAsync(paid[0]);
        await ViewAsync(paid[1]);
        using var shopper = factory.CreateBrowser();
        var checkout = await shopper.StartCheckoutAsync(await FunnelWalk.AdvanceAsync(shopper, funnel.Path, "next"));
        await shopper.PayAsync(checkout);
        var served = Templates.Served;

        using var back = await shopper.Client.GetAsync(checkout);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains(funnel.Path + "/", back.Headers.Location?.OriginalString);
        Assert.Equal(served, Templates.Served);
    }

    [Fact]
    public async Task A_change_to_the_offer_drops_its_thank_you_templates()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var paid = await ConfirmedAsync(shop);

        await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", """{"design":{"headline":"Roasted yesterday"}}""");
        var served = Templates.Served;
        var page = await ViewAsync(paid[2]);

        Assert.Equal(served, Templates.Served);
        Assert.Contains("Roasted yesterday", page);
    }

    [Fact]
    public async Task Two_organizations_never_share_a_thank_you_template()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var other = await CheckoutShop.CreateAsync(factory);
        var paid = await PayAsync(shop, 2);
        await ViewAsync(paid[0]);
        await ViewAsync(paid[1]);
        var elsewhere = await PayAsync(other, 1);
        var served = Templates.Served;

        var page = await ViewAsync(elsewhere[0]);

        Assert.Equal(served, Templates.Served);
        Assert.Equal(await WholeAsync(elsewhere[0]), page);
    }

    [Fact]
    public void A_cut_at_several_values_is_filled_in_with_others_and_a_page_sharing_one_confirms_nothing()
    {
        byte[][] cut = [.. new[] { "cs_one", ">#1001<", "a&#x2B;1@x.test" }.Select(Encoding.UTF8.GetBytes)];
        byte[][] other = [.. new[] { "cs_two", ">#1002<", "b&#x2B;2@x.test" }.Select(Encoding.UTF8.GetBytes)];
        const string Page = "<a href=\"/checkout/{0}\"><strong{1}/strong> to {2}, {0}";
        var template = CheckoutPageTemplates.Template.Cut(Encoding.UTF8.GetBytes(string.Format(Page, "cs_one", ">#1001<", "a&#x2B;1@x.test")), cut, "text/html", null);
        var expected = string.Format(Page, "cs_two", ">#1002<", "b&#x2B;2@x.test");

        Assert.Equal(expected, Encoding.UTF8.GetString(template.Fill(other)));
        byte[][] sameEmail = [other[0], other[1], cut[2]];
        template.Check(Encoding.UTF8.GetBytes(string.Format(Page, "cs_two", ">#1002<", "a&#x2B;1@x.test")), sameEmail, "text/html", null);
        Assert.False(template.IsConfirmed);
        template.Check(Encoding.UTF8.GetBytes(expected), other, "text/html", null);
        Assert.True(template.IsConfirmed);
    }

    private CheckoutPageTemplates Templates => FirstViews.Templates(factory);

    private sealed record Paid(Browser Shopper, string Path, string Email);

    /// <summary>Shoppers each pay a session of their own in <paramref name="state"/>, with emails that need encoding
    /// (<c>'</c> and <c>+</c>); the pages are not viewed.</summary>
    private async Task<Paid[]> PayAsync(CheckoutShop shop, int count, string state = "plain")
    {
        var paid = new List<Paid>();
        for (var i = 0; i < count; i++)
        {
            var shopper = factory.CreateBrowser();
            var path = await shopper.StartCheckoutAsync(shop);
            if (state is "bump and quantity" or "code applied") await CheckoutPageStates.ReachAsync(state, shop, shopper, path);
            var email = $"o'brien+{Guid.NewGuid():N}@example.test";
            using (var response = await shopper.PostCheckoutAsync(path, CheckoutSteps.Payment(email: email)))
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            paid.Add(new Paid(shopper, path, email));
        }
        return [.. paid];
    }

    /// <summary>Three paid sessions of the same state, the first two viewed: the third's page has a confirmed template.</summary>
    private async Task<Paid[]> ConfirmedAsync(CheckoutShop shop)
    {
        var paid = await PayAsync(shop, 3);
        await ViewAsync(paid[0]);
        await ViewAsync(paid[1]);
        return paid;
    }

    private Task<string> ViewAsync(Paid paid) => FirstViews.ViewAsync(factory, paid.Shopper, paid.Path, templates: true);

    /// <summary>The page rendered whole, at another address (the first view is kept by the page cache); the forms post to
    /// the document's address, which the page echoes, so that is put back.</summary>
    private async Task<string> WholeAsync(Paid paid) =>
        (await FirstViews.ViewAsync(factory, paid.Shopper, paid.Path + "?view=whole", templates: false)).Replace("?view=whole", "", StringComparison.Ordinal);

    private async Task<int> NumberOfAsync(string path)
    {
        var key = PublicId.TryParse(IdPrefixes.CheckoutSession, CheckoutPageStates.SessionId(path), out var id) ? id.Value : throw new InvalidOperationException(path);
        return await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.CheckoutSessionId == key).Select(o => o.Number).SingleAsync());
    }

    private static string Shows(string state) => state switch
    {
        "bump and quantity" => HtmlEncoder.Default.Encode(" × 3"),
        "code applied" => "Discount (WELCOME10)",
        "upsell offered" => "data-testid=\"accept-upsell\"",
        _ => "Thank you!",
    };
}
