using System.Net.Http.Headers;
using System.Text.Json;

namespace Numi.Infrastructure.Stripe;

/// <summary>One Stripe response: the JSON body, and Stripe's error when the status is not 2xx.</summary>
public sealed record StripeResponse(int Status, JsonElement Body, StripeError? Error);

/// <summary>Numi's own Stripe REST client for one account's secret key: form-encoded requests, the pinned
/// <c>Stripe-Version</c>, an <c>Idempotency-Key</c> on every POST, and retries (same key) when the network fails or
/// Stripe answers 5xx, 429 or 409 (another request with the same key still in progress). The typed calls Numi makes live in <see cref="StripeApi"/>.</summary>
public sealed class StripeClient(HttpClient http, string secretKey, StripeOptions options)
{
    public Task<StripeResponse> GetAsync(string path, StripeForm? query, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, query is null ? path : path + "?" + query.ToQuery(), null, null, ct);

    public Task<StripeResponse> PostAsync(string path, StripeForm form, string idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, form, idempotencyKey, ct);

    private async Task<StripeResponse> SendAsync(HttpMethod method, string path, StripeForm? form, string? idempotencyKey, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secretKey);
            request.Headers.Add("Stripe-Version", StripeOptions.ApiVersion);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            if (form is not null) request.Content = form.ToContent();
            var retry = attempt < options.MaxAttempts;
            try
            {
                using var response = await http.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                if (retry && (status >= 500 || status is 429 or 409))
                {
                    await Task.Delay(options.RetryDelay * attempt, ct);
                    continue;
                }
                var text = await response.Content.ReadAsStringAsync(ct);
                return Read(status, text);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                if (!retry) throw new StripeUnavailableException($"Stripe could not be reached ({method} {PathOnly(path)}).", e);
                await Task.Delay(options.RetryDelay * attempt, ct);
            }
        }
    }

    private static StripeResponse Read(int status, string text)
    {
        JsonElement body;
        try
        {
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            body = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            body = default;
        }
        return new StripeResponse(status, body, status is >= 200 and < 300 ? null : StripeError.Read(body, status));
    }

    private static string PathOnly(string path) => path.Split('?')[0];
}

/// <summary>Makes a <see cref="StripeClient"/> for one secret key over the shared, configured <c>stripe</c> HttpClient.</summary>
public sealed class StripeClientFactory(IHttpClientFactory httpClients, Microsoft.Extensions.Options.IOptions<StripeOptions> options)
{
    public StripeClient Create(string secretKey) => new(httpClients.CreateClient(StripeOptions.HttpClientName), secretKey, options.Value);
}
