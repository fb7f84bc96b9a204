using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Portal;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Portal;

/// <summary>A dunning email's update-card link is a portal sign-in link that names the subscription: it signs the
/// customer in once and lands on that subscription.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalUpdateCardLinkTests(NumiFactory factory)
{
    [Fact]
    public async Task The_link_signs_in_once_and_lands_on_the_subscription()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        Assert.True(PublicId.TryParse(IdPrefixes.Subscription, shop.SubscriptionId, out var subscriptionId));
        var secret = await factory.WithDbAsync(async db =>
        {
            var customer = await db.Subscriptions.IgnoreQueryFilters().Where(s => s.Id == subscriptionId).Select(s => s.CustomerId).SingleAsync();
            var (token, secret) = PortalSignInToken.IssueUpdateCard(shop.OrganizationId, customer, subscriptionId!.Value, DateTime.UtcNow);
            db.PortalSignInTokens.Add(token);
            await db.SaveChangesAsync();
            return secret;
        });
        var link = $"{shop.Home}/sign-in?token={Uri.EscapeDataString(secret)}";
        using var browser = factory.CreateBrowser();

        using var opened = await browser.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.EndsWith($"{shop.Home}/subscriptions#{shop.SubscriptionId}", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var subscriptions = await browser.GetPageAsync(shop.Home + "/subscriptions");
        Assert.NotNull(subscriptions.GetElementById(shop.SubscriptionId));
        using var again = factory.CreateBrowser();
        var refused = await again.GetPageAsync(link);
        Assert.Contains("already used", refused.QuerySelector("h1")!.TextContent);
    }
}
