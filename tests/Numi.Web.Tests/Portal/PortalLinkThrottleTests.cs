using System.Net;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Security;

namespace Numi.Web.Tests.Portal;

/// <summary>Link requests on the portal are limited like the merchant's sign-in: per client address and per email.</summary>
public sealed class PortalLinkThrottleTests(ThrottledFactory factory) : IClassFixture<ThrottledFactory>
{
    [Fact]
    public async Task Link_requests_for_one_email_beyond_the_limit_get_429_and_mail_nothing_more()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        for (var attempt = 0; attempt < ThrottledFactory.PerAccount; attempt++)
        {
            using var browser = factory.CreateBrowserFromNewAddress();
            await browser.AskForLinkAsync(shop.Home, shop.CustomerEmail);
        }

        using var another = factory.CreateBrowserFromNewAddress();
        var form = await another.GetFormAsync(shop.Home, "portal-link");
        form.Fields["Input.Email"] = shop.CustomerEmail.ToUpperInvariant();
        using var limited = await another.PostAsync(form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(ThrottledFactory.PerAccount, await factory.WithDbAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.OutboxMessages, m => m.To == shop.CustomerEmail && m.Subject.StartsWith("Your sign-in link"))));
    }
}
