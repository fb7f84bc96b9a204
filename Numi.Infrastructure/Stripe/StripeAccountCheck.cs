using global::Stripe;
using Numi.Core.Payments;

namespace Numi.Infrastructure.Stripe;

/// <summary>Checks a secret key the way Stripe sees it: by reading the account's balance with it.</summary>
public sealed class StripeAccountCheck(StripeClientFactory clients) : IStripeAccountCheck
{
    public async Task<string?> ProblemAsync(string secretKey, CancellationToken ct)
    {
        try
        {
            await clients.Create(secretKey).V1.Balance.GetAsync(null, ct);
            return null;
        }
        catch (StripeException e) when (e.HttpStatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            return $"Stripe refused this secret key: {e.StripeError?.Message ?? "check that you copied the whole key and that it has not been rolled."}";
        }
        catch (StripeException e)
        {
            return $"Stripe could not check this key right now (it answered {(int)e.HttpStatusCode}). Try again in a moment.";
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return "Numi could not reach Stripe to check this key. Try again in a moment.";
        }
    }
}
