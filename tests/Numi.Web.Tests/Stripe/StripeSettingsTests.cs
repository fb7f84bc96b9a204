using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Stripe;

/// <summary>Settings › Stripe for an owner: inline validation, the key checked with Stripe, secrets stored encrypted
/// and shown masked, a confirmation before disconnecting, and the saved signing secret accepted by the webhook.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeSettingsTests(StripeFactory factory)
{
    private static Dictionary<string, string> Fields(string secret, string publishable, string signing) => new()
    {
        ["Input.SecretKey"] = secret,
        ["Input.PublishableKey"] = publishable,
        ["Input.WebhookSecrets"] = signing,
    };

    [Fact]
    public async Task Connecting_shows_the_keys_masked_and_stores_no_plaintext()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var empty = await owner.GetPageAsync("/settings/stripe");
        Assert.Contains("Stripe is not connected", empty.Body!.TextContent);
        Assert.Equal($"http://localhost/webhooks/stripe/{merchant.Slug}", empty.QuerySelector("[data-testid=webhook-url]")?.TextContent.Trim());
        var (secret, publishable, signing) = StripeFactory.NewKeys();

        using var saved = await owner.SubmitAsync("/settings/stripe", Fields(secret, publishable, signing), "connect-stripe");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await (await owner.Client.GetAsync("/settings/stripe")).Content.ReadAsStringAsync();
        var page = Browser.Parse(html);
        Assert.Equal("sk_test_…" + secret[^4..], page.QuerySelector("[data-testid=secret-key-hint]")?.TextContent.Trim());
        Assert.Contains(publishable, html);
        Assert.DoesNotContain(secret, html);
        Assert.DoesNotContain(signing, html);
        Assert.Contains(factory.Stripe.Requests, r => r.Path == "/v1/balance" && r.Authorization == "Bearer " + secret);

        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);
        var stored = await factory.RawValuesAsync("stripe_connections", organizationId);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, value => value.Contains(secret[8..], StringComparison.Ordinal) || value.Contains(signing[6..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mistakes_get_a_message_beside_their_field_and_secrets_are_not_written_back()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var (secret, _, _) = StripeFactory.NewKeys();

        using var blank = await owner.SubmitAsync("/settings/stripe", Fields("", "", ""), "connect-stripe");
        var page = await Browser.ParseAsync(blank);
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Equal("Enter your Stripe secret key.", page.GetElementById("secret_key-error")?.TextContent.Trim());
        Assert.Equal("Enter your Stripe publishable key.", page.GetElementById("publishable_key-error")?.TextContent.Trim());
        Assert.StartsWith("Enter the webhook signing secret", page.GetElementById("webhook_secrets-error")?.TextContent.Trim());

        using var mixed = await owner.SubmitAsync("/settings/stripe", Fields(secret.Replace("sk_test_", "sk_live_"), "pk_test_abcdefghijkl", "whsec_abcdefghijkl"), "connect-stripe");
        var mixedHtml = await mixed.Content.ReadAsStringAsync();
        var mixedPage = Browser.Parse(mixedHtml);
        Assert.Contains("use the pair from the same mode", mixedPage.GetElementById("publishable_key-error")?.TextContent);
        Assert.Null(mixedPage.GetElementById("secret_key-error"));
        Assert.DoesNotContain(secret[8..], mixedHtml);
        Assert.Contains("Stripe is not connected", mixedHtml);
    }

    [Fact]
    public async Task A_key_Stripe_refuses_is_explained_and_not_saved()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();

        using var refused = await owner.SubmitAsync("/settings/stripe",
            Fields(FakeStripeServer.RefusedKey, "pk_test_abcdefghijkl", "whsec_abcdefghijkl"), "connect-stripe");

        var page = await Browser.ParseAsync(refused);
        Assert.StartsWith("Stripe refused this secret key", page.GetElementById("secret_key-error")?.TextContent.Trim());
        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);
        Assert.False(await factory.WithDbAsync(db => db.StripeConnections.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task Disconnecting_asks_first_then_forgets_the_keys()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);
        var (secret, _, _) = await factory.ConnectStripeAsync(organizationId);

        var confirm = await owner.GetPageAsync("/settings/stripe/disconnect");
        Assert.Contains("Disconnect Stripe?", confirm.QuerySelector("h1")?.TextContent);
        Assert.Contains("sk_test_…" + secret[^4..], confirm.Body!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.StripeConnections.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == organizationId)));

        using var done = await owner.SubmitAsync("/settings/stripe/disconnect", new Dictionary<string, string>(), "disconnect-stripe");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("Stripe is disconnected.", (await owner.FollowAsync(done)).Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.StripeConnections.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == organizationId)));
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
