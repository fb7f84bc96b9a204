using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>Confirmed templates outlive the kept offer they were made on when its next read finds nothing changed
/// (<c>CheckoutOffer.Continue</c>), and not when a price changed on another node (which evicts nothing here), on both
/// databases.</summary>
public abstract class TemplateContinuationTests(NumiFactory factory)
{
    [Fact]
    public async Task A_confirmed_template_survives_an_unchanged_read_of_the_offer()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var browser = factory.CreateBrowser();
        var (c, d) = await ConfirmedThenExpiredAsync(shop, browser);

        // The first view after the offer expired reads it again (rendered whole); the next is filled in at once.
        await ViewAsync(browser, c, templates: true);
        var served = FirstViews.Templates(factory).Served;
        var filled = await ViewAsync(browser, d, templates: true);

        Assert.Equal(served + 1, FirstViews.Templates(factory).Served);
        Assert.Equal(await ViewAsync(browser, d + "?view=whole", templates: false), filled);
    }

    [Fact]
    public async Task A_price_changed_on_another_node_drops_the_templates_at_the_offers_next_read()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var browser = factory.CreateBrowser();
        var (c, d) = await ConfirmedThenExpiredAsync(shop, browser, beforeExpiry: () => factory.WithDbAsync(db =>
            db.Prices.IgnoreQueryFilters().Where(p => p.OrganizationId == shop.OrganizationId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.UnitAmount, p => p.UnitAmount + 100))));

        await ViewAsync(browser, c, templates: true);
        var served = FirstViews.Templates(factory).Served;
        var page = await ViewAsync(browser, d, templates: true);

        Assert.Equal(served, FirstViews.Templates(factory).Served);
        Assert.Contains("$25.00", page);
        Assert.DoesNotContain("$24.00", page);
    }

    /// <summary>Four sessions in the link's state; the first two viewed (cut, then confirmed); <paramref name="beforeExpiry"/>
    /// run; then waits until the kept offer has expired. Answers the other two.</summary>
    private async Task<(string, string)> ConfirmedThenExpiredAsync(CheckoutShop shop, Browser browser, Func<Task>? beforeExpiry = null)
    {
        var paths = new[] { await browser.StartCheckoutAsync(shop), await browser.StartCheckoutAsync(shop), await browser.StartCheckoutAsync(shop), await browser.StartCheckoutAsync(shop) };
        await ViewAsync(browser, paths[0], templates: true);
        var served = FirstViews.Templates(factory).Served;
        await ViewAsync(browser, paths[1], templates: true);
        Assert.Equal(served, FirstViews.Templates(factory).Served);
        if (beforeExpiry is not null) await beforeExpiry();
        await Task.Delay(TimeSpan.FromSeconds(ShortOfferCacheFactory.Seconds + 0.5));
        return (paths[2], paths[3]);
    }

    private Task<string> ViewAsync(Browser shopper, string url, bool templates) => FirstViews.ViewAsync(factory, shopper, url, templates);
}

public sealed class TemplateContinuationSqliteTests(ShortOfferCacheFactory factory) : TemplateContinuationTests(factory), IClassFixture<ShortOfferCacheFactory>;

public sealed class TemplateContinuationPostgresTests(ShortOfferCachePostgresFactory factory) : TemplateContinuationTests(factory), IClassFixture<ShortOfferCachePostgresFactory>;
