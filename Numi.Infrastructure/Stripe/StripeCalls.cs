using System.Net;
using global::Stripe;

namespace Numi.Infrastructure.Stripe;

/// <summary>Sorts what a Stripe.net call can throw: answers about the request itself (a decline, a missing object) stay
/// <see cref="StripeException"/>s for the caller to map; everything that is nobody's card problem (the network after
/// Stripe.net's retries, 5xx, rate limiting, the merchant's key refused) becomes a <see cref="StripeUnavailableException"/>.</summary>
internal static class StripeCalls
{
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (StripeException e) when (IsUnavailable(e.HttpStatusCode) || IsIdempotencyConflict(e))
        {
            throw new StripeUnavailableException($"Stripe answered {(int)e.HttpStatusCode} to {what}: {e.StripeError?.Message ?? e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new StripeUnavailableException($"Stripe could not be reached ({what}).", e);
        }
    }

    /// <summary>The key's first request is still running (409), or ran with other parameters (<c>idempotency_error</c>):
    /// it may have charged or refunded, so this is never a decline that would let the next try use a new key and do it
    /// again. The attempt stays held until Stripe's webhook or a retrieval tells what happened.</summary>
    private static bool IsIdempotencyConflict(StripeException e) =>
        e.HttpStatusCode == HttpStatusCode.Conflict || e.StripeError?.Type == "idempotency_error";

    public static bool IsUnavailable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
