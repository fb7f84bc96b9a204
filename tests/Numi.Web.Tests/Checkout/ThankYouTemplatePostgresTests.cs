using System.Net;
using System.Text.Encodings.Web;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>On PostgreSQL, where a paid session's thank-you page is read by a plain command (<c>ThankYouRead</c>) built
/// from the model's names: the third order's page, filled in from the first one's template once the second confirmed
/// it, is byte for byte the page rendered whole (SQLite: <see cref="ThankYouTemplateTests"/>).</summary>
public sealed class ThankYouTemplatePostgresTests(ThankYouTemplatePostgresTests.KeptLongFactory factory) : IClassFixture<ThankYouTemplatePostgresTests.KeptLongFactory>
{
    /// <summary>Offers and pages kept 10 minutes: on a loaded machine 5 s could end between two views (see
    /// <see cref="ThankYouTemplateTests.KeptLongFactory"/>).</summary>
    public sealed class KeptLongFactory : PostgresNumiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), new("Checkout:PageCacheDuration", "00:10:00")];
    }

    [Fact]
    public async Task A_thank_you_page_filled_in_from_another_orders_template_is_the_page_rendered_whole()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var paid = new List<(Browser Shopper, string Path, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            var shopper = factory.CreateBrowser();
            var path = await shopper.StartCheckoutAsync(shop);
            var email = $"o'brien+{Guid.NewGuid():N}@example.test";
            using (var response = await shopper.PostCheckoutAsync(path, CheckoutSteps.Payment(email: email)))
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            paid.Add((shopper, path, email));
        }

        await FirstViews.ViewAsync(factory, paid[0].Shopper, paid[0].Path, templates: true);
        await FirstViews.ViewAsync(factory, paid[1].Shopper, paid[1].Path, templates: true);
        var served = FirstViews.Templates(factory).Served;
        var filled = await FirstViews.ViewAsync(factory, paid[2].Shopper, paid[2].Path, templates: true);

        Assert.Equal(served + 1, FirstViews.Templates(factory).Served);
        var whole = (await FirstViews.ViewAsync(factory, paid[2].Shopper, paid[2].Path + "?view=whole", templates: false))
            .Replace("?view=whole", "", StringComparison.Ordinal);
        Assert.Contains("Thank you!", whole);
        Assert.Contains(HtmlEncoder.Default.Encode(paid[2].Email), filled);
        Assert.Equal(whole, filled);
    }
}
