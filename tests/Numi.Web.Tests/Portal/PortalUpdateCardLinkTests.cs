using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Portal;

/// <summary>A dunning email's update-card link is a portal sign-in link that names the subscription: it signs the
/// customer in once and lands on that subscription's card form.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalUpdateCardLinkTests(NumiFactory factory)
{
    /// <summary>Sends the campaign's first step for the failed <paramref name="invoice"/> by the app's own handler, a day
    /// after the failure (on Numi's clock), and answers the link the email carries.</summary>
    private async Task<string> DunningLinkAsync(PortalShop shop, string invoice)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Invoice, invoice, out var invoiceId));
        var now = factory.Services.GetRequiredService<ControllableClock>().GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == invoiceId)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.FirstFailedAt, now.AddDays(-1).AddMinutes(-1))));
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(shop.OrganizationId, "Test", "test");
        var sent = await scope.ServiceProvider.GetRequiredService<SendDunningMessageHandler>().HandleAsync(invoiceId!.Value, default);
        Assert.Equal(BillingResult.Done, sent.Result);
        return await factory.LatestLinkMailedToAsync(shop.CustomerEmail);
    }

    [Fact]
    public async Task The_link_in_a_dunning_email_signs_in_once_and_lands_on_the_subscriptions_card_form()
    {
        var (shop, invoice) = await PortalInvoicesTests.PastDueAsync(factory);
        using var _shop = shop;
        var link = await DunningLinkAsync(shop, invoice);
        Assert.StartsWith($"{shop.Home}/sign-in?token=", link);
        using var browser = factory.CreateBrowser();

        using var opened = await browser.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var card = $"{shop.Home}/subscriptions/{shop.SubscriptionId}/card";
        Assert.Equal(card, opened.Headers.Location!.PathAndQueryOrOriginal());
        var form = await browser.GetPageAsync(card);
        Assert.Equal("Update your card", form.QuerySelector("h1")!.TextContent);
        Assert.Contains("INV-000001", form.QuerySelector("[data-testid=due]")!.TextContent);
        using var again = factory.CreateBrowser();
        var refused = await again.GetPageAsync(link);
        Assert.Contains("already used", refused.QuerySelector("h1")!.TextContent);
    }
}
