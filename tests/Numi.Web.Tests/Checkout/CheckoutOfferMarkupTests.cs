using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Web.Features.Checkout;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A session page's GET takes the parts that depend on the offer (pitch, slots as chosen, questions, card
/// fields) from markup kept with the offer (<see cref="CheckoutOfferMarkup"/>): the page must be byte for byte the page
/// rendered whole, in every state a session's page shows. An app of its own, as the test turns the kept parts off.</summary>
public sealed class CheckoutOfferMarkupTests(ColdCheckoutPageFactory factory) : IClassFixture<ColdCheckoutPageFactory>
{
    public static TheoryData<string> States => CheckoutPageStates.All;

    [Theory]
    [MemberData(nameof(States))]
    public async Task The_page_built_with_kept_parts_is_the_page_rendered_whole(string state)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var code = await CheckoutPageStates.TaxAndCodeAsync(shop);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        await CheckoutPageStates.ReachAsync(state, shop, shopper, path);
        await CheckoutPageStates.SpoilCodeAsync(state, shop, code);

        var kept = await ViewAsync(shopper, path + "?view=kept", keepParts: true);
        var whole = await ViewAsync(shopper, path + "?view=whole", keepParts: false);

        Assert.Contains(CheckoutPageStates.Shows(state), whole);
        Assert.Equal(whole, kept);
    }

    [Fact]
    public async Task A_first_view_keeps_the_offers_parts_and_the_next_shopper_with_the_same_choice_uses_them()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();
        var (a, b) = (await first.StartCheckoutAsync(shop), await second.StartCheckoutAsync(shop));

        var firstHtml = await ViewAsync(first, a, keepParts: true);
        var cache = factory.Services.GetRequiredService<CheckoutPageCache>();
        Assert.True(PublicId.TryParse(IdPrefixes.Offer, shop.OfferId, out var offerId));
        Assert.True(cache.TryGetOffer(shop.OrganizationId, offerId.Value, out var offer));
        Assert.Equal(["payment", "pitch", "questions", "slots"], offer.Markup.Keys.Select(k => k.Split(':')[0]).Order());
        var secondHtml = await ViewAsync(second, b, keepParts: true);

        Assert.Equal(4, offer.Markup.Count);
        Assert.Equal(firstHtml.Replace(CheckoutPageStates.SessionId(a), "ID"), secondHtml.Replace(CheckoutPageStates.SessionId(b), "ID"));
    }

    private Task<string> ViewAsync(Browser shopper, string url, bool keepParts) => FirstViews.ViewAsync(factory, shopper, url, templates: true, keepParts);
}
