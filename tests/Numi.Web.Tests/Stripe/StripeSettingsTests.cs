using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Stripe;

/// <summary>Settings › Stripe over HTTP: the interactive page prerenders the webhook address and the connection masked,
/// and the saved signing secret is accepted by the webhook. Connecting and disconnecting on the page are tested in
/// Interactive/StripeViewTests.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeSettingsTests(StripeFactory factory)
{
    [Fact]
    public async Task The_page_prerenders_the_webhook_address_and_a_connection_masked_with_no_secret_in_it()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var empty = await owner.GetPageAsync("/settings/stripe");
        Assert.Contains("Stripe is not connected", empty.QuerySelector("main")?.TextContent);
        Assert.Equal($"http://localhost/webhooks/stripe/{merchant.Slug}", empty.QuerySelector("[data-testid=webhook-url]")?.TextContent.Trim());
        var (secret, publishable, signing) = await factory.ConnectStripeAsync(await factory.OrganizationIdAsync(merchant.Slug));

        using var response = await owner.Client.GetAsync("/settings/stripe");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sk_test_…" + secret[^4..], Browser.Parse(html).QuerySelector("[data-testid=secret-key-hint]")?.TextContent.Trim());
        Assert.Contains(publishable, html);
        Assert.DoesNotContain(secret, html);
        Assert.DoesNotContain(secret[8..], html);
        Assert.DoesNotContain(signing, html);
    }

    [Fact]
    public async Task The_old_disconnect_address_is_gone()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        await factory.ConnectStripeAsync(await factory.OrganizationIdAsync(merchant.Slug));

        // Disconnecting is a dialog on the Stripe page now (Interactive/StripeViewTests).
        using var gone = await owner.Client.GetAsync("/settings/stripe/disconnect");

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_webhook_accepts_events_signed_with_the_saved_secret_of_its_own_organization_only()
    {
        var mine = Merchant.New();
        var other = Merchant.New();
        var (_, _, signing) = await factory.ConnectStripeAsync(await factory.CreateOrganizationAsync(mine));
        var (_, _, otherSigning) = await factory.ConnectStripeAsync(await factory.CreateOrganizationAsync(other));
        var payload = System.Text.Json.JsonSerializer.Serialize(new { id = "evt_" + Guid.NewGuid().ToString("N"), type = "payment_intent.succeeded" });

        async Task<HttpStatusCode> SendAsync(string secret)
        {
            using var client = factory.CreateApiClient(null);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{mine.Slug}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", StripeSignatureHeader.For(payload, secret, DateTimeOffset.UtcNow));
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(otherSigning));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(signing));
    }
}
