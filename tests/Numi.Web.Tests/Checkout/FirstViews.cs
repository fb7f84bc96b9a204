using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Features.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A shopper's first view of a session's page, with the templates on (the page may come from one) or off (the
/// offer's kept markup is off too, so the page is rendered whole by its components).</summary>
internal static class FirstViews
{
    public static CheckoutPageTemplates Templates(NumiFactory factory) => factory.Services.GetRequiredService<CheckoutPageTemplates>();

    /// <summary>Never a page-cache hit: each session's page is viewed once per address. <paramref name="keepParts"/>
    /// turns the offer's kept markup on or off alone (with the templates on); without it, it follows the templates.</summary>
    public static async Task<string> ViewAsync(NumiFactory factory, Browser shopper, string url, bool templates, bool? keepParts = null)
    {
        var markup = factory.Services.GetRequiredService<CheckoutOfferMarkup>();
        (Templates(factory).Enabled, markup.Enabled) = (templates, keepParts ?? templates);
        try
        {
            using var response = await shopper.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Age"), "Each view is a first view, never served from the page cache.");
            return await response.Content.ReadAsStringAsync();
        }
        finally
        {
            (Templates(factory).Enabled, markup.Enabled) = (true, true);
        }
    }
}
