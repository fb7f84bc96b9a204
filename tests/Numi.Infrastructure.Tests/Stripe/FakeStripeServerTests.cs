using System.Net;
using System.Net.Http.Headers;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>The fake Stripe refuses, with Stripe's error body, what Stripe (or Numi's promises) would not take, so the
/// gateway tests would fail if Stripe.net sent something else: an old API version, a list in another encoding, a POST
/// without an idempotency key, a JSON body, an unknown parameter.</summary>
public sealed class FakeStripeServerTests : FakeStripeTest
{
    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string? version, string? idempotencyKey, HttpContent content)
    {
        using var http = new HttpClient { BaseAddress = Stripe.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payment_intents") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_fakerules0000001");
        if (version is not null) request.Headers.Add("Stripe-Version", version);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] extra) => new(
        new[] { ("amount", "1500"), ("currency", "usd"), ("payment_method", "pm_card_visa"), ("confirm", "true") }.Concat(extra)
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    [Fact]
    public async Task A_request_as_Stripe_net_sends_it_is_answered()
    {
        var (status, body) = await PostAsync(FakeStripeServer.PinnedVersion, "rules-1", Form(("expand[0]", "payment_method"), ("metadata[numi_organization]", "org_1")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"last4\":\"4242\"", body);
    }

    [Theory]
    [InlineData("2024-06-20", "rules-2", "expand[0]", "Stripe-Version")]
    [InlineData(null, "rules-3", "expand[0]", "Stripe-Version")]
    [InlineData(FakeStripeServer.PinnedVersion, null, "expand[0]", "Idempotency-Key")]
    [InlineData(FakeStripeServer.PinnedVersion, "rules-4", "expand[]", "unknown parameter: expand[]")]
    [InlineData(FakeStripeServer.PinnedVersion, "rules-5", "payment_method_types[0]", "unknown parameter: payment_method_types[0]")]
    public async Task What_Stripe_would_refuse_is_400_with_Stripes_error_body(string? version, string? key, string listField, string says)
    {
        var (status, body) = await PostAsync(version, key, Form((listField, "payment_method")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("{\"error\":{\"type\":\"invalid_request_error\"", body);
        Assert.Contains(says, body);
        Assert.Equal(0, Stripe.IntentCount);
    }

    [Fact]
    public async Task A_JSON_body_is_refused()
    {
        var (status, body) = await PostAsync(FakeStripeServer.PinnedVersion, "rules-6", new StringContent("""{"amount":1500}""", null, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("form-encoded", body);
    }
}
