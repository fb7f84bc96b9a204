using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Webhooks;

/// <summary>The webhook endpoint under concurrency, through the whole app: deliveries arriving together are stored
/// together (the inbox batches them), each answered only once stored, each told whether it was new.</summary>
[Collection(AppCollection.Name)]
public sealed class WebhookInboxEndpointTests(NumiFactory factory)
{
    private const string Secret = "whsec_numi_inbox_tests";

    private Task<(Guid OrganizationId, string Slug)> MerchantAsync() => WebhookMerchants.CreateAsync(factory, Secret);

    internal static string Event(string id) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, @object = "event", type = "charge.succeeded", data = new { @object = new { id = "ch_" + id[4..], @object = "charge" } } });

    internal static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string slug, string payload, string secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{slug}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", StripeSignatureHeader.For(payload, secret, DateTimeOffset.UtcNow));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<List<WebhookEvent>> StoredAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.WebhookEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.OrganizationId == organizationId).ToListAsync());

    [Fact]
    public async Task Many_distinct_events_posted_at_once_are_all_acknowledged_as_new_and_all_stored()
    {
        var (organizationId, slug) = await MerchantAsync();
        using var client = factory.CreateApiClient(null);
        var payloads = Enumerable.Range(0, 150).Select(i => Event($"evt_{Guid.NewGuid():N}")).ToList();

        var answers = await Task.WhenAll(payloads.Select(p => PostAsync(client, slug, p)));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, """{"received":true,"duplicate":false}"""), a));
        var stored = await StoredAsync(organizationId);
        Assert.Equal(payloads.Order(), stored.Select(e => e.Payload).Order());
        Assert.All(stored, e => Assert.Equal(("stripe", "charge.succeeded", 0), (e.Provider, e.Type, e.Attempts)));
    }

    [Fact]
    public async Task The_same_event_posted_many_times_at_once_is_stored_once_and_the_others_are_duplicates()
    {
        var (organizationId, slug) = await MerchantAsync();
        using var client = factory.CreateApiClient(null);
        var id = $"evt_{Guid.NewGuid():N}";
        var payload = Event(id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => PostAsync(client, slug, payload)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers, a => a.Body == """{"received":true,"duplicate":false}""");
        Assert.Equal(29, answers.Count(a => a.Body == """{"received":true,"duplicate":true}"""));
        Assert.Equal(id, Assert.Single(await StoredAsync(organizationId)).EventId);
    }

    [Fact]
    public async Task An_event_larger_than_512_KB_is_413_with_or_without_a_length_and_nothing_is_stored()
    {
        var (organizationId, slug) = await MerchantAsync();
        using var client = factory.CreateApiClient(null);
        var id = $"evt_{Guid.NewGuid():N}";
        var large = System.Text.Json.JsonSerializer.Serialize(new { id, @object = "event", type = "charge.succeeded", padding = new string('x', WebhookEvent.MaxPayloadBytes) });
        var atTheLimit = System.Text.Json.JsonSerializer.Serialize(new { id, @object = "event", type = "charge.succeeded", padding = "" });
        atTheLimit = atTheLimit.Insert(atTheLimit.Length - 2, new string('x', WebhookEvent.MaxPayloadBytes - Encoding.UTF8.GetByteCount(atTheLimit)));

        using var withLength = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{slug}") { Content = new StringContent(large, Encoding.UTF8, "application/json") };
        withLength.Headers.Add("Stripe-Signature", StripeSignatureHeader.For(large, Secret, DateTimeOffset.UtcNow));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{slug}")
        {
            // A stream of unknown length: sent without Content-Length, so only reading can tell its size.
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(large))),
        };
        chunked.Headers.Add("Stripe-Signature", StripeSignatureHeader.For(large, Secret, DateTimeOffset.UtcNow));
        using var first = await client.SendAsync(withLength);
        using var second = await client.SendAsync(chunked);

        await first.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "parameter_invalid");
        await second.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "parameter_invalid");
        Assert.Empty(await StoredAsync(organizationId));
        Assert.Equal(WebhookEvent.MaxPayloadBytes, Encoding.UTF8.GetByteCount(atTheLimit));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, slug, atTheLimit)).Status);
        Assert.Equal(atTheLimit, Assert.Single(await StoredAsync(organizationId)).Payload);
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
