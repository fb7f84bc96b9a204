using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>On PostgreSQL, where the session a template is filled in for is read by a plain command
/// (<c>TemplateSessionRead</c>): a page filled in from another session's template is byte for byte the page rendered
/// whole, in the states a shopper brings a session to (SQLite: <see cref="CheckoutPageTemplateTests"/>).</summary>
public sealed class TemplatePagePostgresTests(PostgresNumiFactory factory) : IClassFixture<PostgresNumiFactory>
{
    public static TheoryData<string> States => ["fresh", "other choice", "bump and quantity", "email typed", "code applied", "country chosen"];

    [Theory]
    [MemberData(nameof(States))]
    public async Task A_page_filled_in_from_a_template_is_the_page_rendered_whole(string state)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await CheckoutPageStates.TaxAndCodeAsync(shop);
        using var shopper = factory.CreateBrowser();
        var sessions = new[] { await shopper.StartCheckoutAsync(shop), await shopper.StartCheckoutAsync(shop), await shopper.StartCheckoutAsync(shop) };
        foreach (var path in sessions) await CheckoutPageStates.ReachAsync(state, shop, shopper, path);

        await ViewAsync(shopper, sessions[0], templates: true);
        await ViewAsync(shopper, sessions[1], templates: true);
        var served = FirstViews.Templates(factory).Served;
        var filled = await ViewAsync(shopper, sessions[2], templates: true);

        Assert.Equal(served + 1, FirstViews.Templates(factory).Served);
        var whole = await ViewAsync(shopper, sessions[2] + "?view=whole", templates: false);
        Assert.Contains(CheckoutPageStates.Shows(state), whole);
        Assert.Equal(whole, filled);
    }

    private Task<string> ViewAsync(Browser shopper, string url, bool templates) => FirstViews.ViewAsync(factory, shopper, url, templates);
}
