using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Tests.Support;
using Numi.Core.Webhooks;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Webhooks;

/// <summary>POST /webhooks/stripe/{slug} as ../shared/API.md promises it: verified, stored once, 200 at once.</summary>
[Collection(AppCollection.Name)]
public sealed class StripeWebhookTests(NumiFactory factory)
{
    private const string Secret = "whsec_numi_tests_secret";

    private Task<(Guid OrganizationId, string Slug)> MerchantAsync() => WebhookMerchants.CreateAsync(factory, Secret);

    private async Task<HttpResponseMessage> SendAsync(string slug, string payload, string? signature)
    {
        using var client = factory.CreateApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{slug}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("Stripe-Signature", signature);
        return await client.SendAsync(request);
    }

    private static string Event(string id) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, @object = "event", type = "payment_intent.succeeded", data = new { @object = new { id = "pi_123" } } });

    private Task<List<WebhookEvent>> StoredAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.WebhookEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == organizationId).ToListAsync());

    [Fact]
    public async Task A_signed_event_is_stored_once_and_a_retried_delivery_is_answered_200_too()
    {
        var (organizationId, slug) = await MerchantAsync();
        var id = $"evt_{Guid.NewGuid():N}";
        var payload = Event(id);

        using var first = await SendAsync(slug, payload, StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow));
        using var again = await SendAsync(slug, payload, StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("\"duplicate\":true", await again.Content.ReadAsStringAsync());
        var stored = Assert.Single(await StoredAsync(organizationId));
        Assert.Equal(id, stored.EventId);
        Assert.Equal("payment_intent.succeeded", stored.Type);
        Assert.Equal(payload, stored.Payload);
    }

    [Fact]
    public async Task A_bad_missing_or_stale_signature_is_400_and_nothing_is_stored()
    {
        var (organizationId, slug) = await MerchantAsync();
        var payload = Event($"evt_{Guid.NewGuid():N}");

        using var wrongSecret = await SendAsync(slug, payload, StripeSignatureHeader.For(payload, "whsec_attacker", DateTimeOffset.UtcNow));
        using var missing = await SendAsync(slug, payload, null);
        using var stale = await SendAsync(slug, payload, StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow.AddMinutes(-10)));
        using var tampered = await SendAsync(slug, payload.Replace("pi_123", "pi_999"), StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow));

        foreach (var response in new[] { wrongSecret, missing, stale, tampered })
            await response.ProblemAsync(HttpStatusCode.BadRequest, "signature_invalid");
        Assert.Empty(await StoredAsync(organizationId));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_event_is_400()
    {
        var (organizationId, slug) = await MerchantAsync();
        const string payload = """{"hello":"world"}""";

        using var response = await SendAsync(slug, payload, StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Empty(await StoredAsync(organizationId));
    }

    [Fact]
    public async Task Another_organizations_secret_does_not_open_this_endpoint()
    {
        var (_, slug) = await MerchantAsync();
        var (otherId, _) = await MerchantAsync();
        await factory.WithDbAsync(async db =>
        {
            var other = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == otherId);
            other.SetWebhookSigningSecret("whsec_other_org");
            await db.SaveChangesAsync();
        });
        var payload = Event($"evt_{Guid.NewGuid():N}");

        using var response = await SendAsync(slug, payload, StripeSignatureHeader.For(payload, "whsec_other_org", DateTimeOffset.UtcNow));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "signature_invalid");
    }

    [Fact]
    public async Task An_unknown_organization_is_404()
    {
        const string payload = """{"id":"evt_x","type":"charge.refunded"}""";
        using var response = await SendAsync("no-such-shop", payload, StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow));
        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
    }
}
