using System.Net;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Invoices;
using UglyToad.PdfPig;

namespace Numi.Web.Tests.Portal;

/// <summary><c>/portal/{org}/invoices/{in_…}/pdf</c>: the signed-in customer downloads their own invoice; another
/// customer's, another organization's or an unknown one is a 404, and a stranger is sent to the sign-in form.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalInvoicePdfTests(NumiFactory factory)
{
    [Fact]
    public async Task The_customer_downloads_their_own_invoice_and_no_one_elses()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var other = await factory.ShopWithSubscriberAsync();
        var mine = await factory.RenewAsync(shop.OrganizationId, shop.Api, shop.SubscriptionId, "pm_card_visa");
        var (_, neighbours) = await factory.RenewedAsync(shop.OrganizationId, shop.Api, "pm_card_visa");
        var elsewhere = await factory.RenewAsync(other.OrganizationId, other.Api, other.SubscriptionId, "pm_card_visa");
        using var browser = await factory.SignedInAsync(shop);

        using var own = await browser.Client.GetAsync($"{shop.Home}/invoices/{mine}/pdf");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal("INV-000001.pdf", own.Content.Headers.ContentDisposition!.FileNameStar ?? own.Content.Headers.ContentDisposition.FileName);
        using (var pdf = PdfDocument.Open(await own.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("INV-000001", pdf.GetPage(1).Text);
            Assert.Contains(shop.CustomerEmail, pdf.GetPage(1).Text);
        }
        foreach (var path in new[]
                 {
                     $"{shop.Home}/invoices/{neighbours}/pdf", $"{shop.Home}/invoices/{elsewhere}/pdf",
                     $"{shop.Home}/invoices/in_00000000000000000000000000000000/pdf", $"{shop.Home}/invoices/nonsense/pdf",
                     $"/portal/no-such-shop-{Guid.NewGuid():N}/invoices/{mine}/pdf",
                 })
        {
            using var response = await browser.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
        using var stranger = factory.CreateBrowser();
        using var notSignedIn = await stranger.Client.GetAsync($"{shop.Home}/invoices/{mine}/pdf");
        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.Equal(shop.Home, notSignedIn.Headers.Location!.PathAndQueryOrOriginal());
    }
}
